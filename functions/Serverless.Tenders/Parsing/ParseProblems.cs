using System.Xml.Linq;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Every problem text a parser reports, kept together so they read alike. They are shown to the
/// person who uploaded the file, so each says what is wrong and, where it helps, where.
/// </summary>
internal static class ParseProblems
{
    public const string Empty = "empty: the file has no content";

    public const string NoRootElement = "not XML: the file holds no root element";

    // The reader reports no position for a prohibited DTD, so there is none to give.
    public const string DtdNotAllowed =
        "DTDs are not allowed: the file declares a DOCTYPE; notices never need one, and refusing it keeps external entities (XXE) and entity expansion out";

    public static string MalformedXml(int line, int position, string detail) =>
        $"malformed XML at line {line}, position {position}: {detail}";

    public static string NotANotice(XName root) =>
        root.NamespaceName.Length == 0
            ? $"not a notice: root element <{root.LocalName}> is not an eForms or TED notice"
            : $"not a notice: root element <{root.LocalName}> in namespace '{root.NamespaceName}' is not an eForms or TED notice";

    public static string EformsWithoutNoticeId(string root) =>
        $"eForms {root} without a notice identifier: cbc:ID[@schemeName='notice-id'] (BT-701) is missing or empty";

    public const string TedWithoutOjsNumber =
        "TED notice without an OJ S number: CODED_DATA_SECTION/NOTICE_DATA/NO_DOC_OJS is missing or empty";
}
