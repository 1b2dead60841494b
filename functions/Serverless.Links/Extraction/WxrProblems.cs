namespace Serverless.Links.Extraction;

/// <summary>The messages of <see cref="LinkExtractionException"/> for WordPress exports, for the person who uploaded the file.</summary>
internal static class WxrProblems
{
    public const string Empty = "The file is empty: a WordPress export (WXR) was expected.";

    public const string DtdNotAllowed =
        "The file declares a DTD (<!DOCTYPE …>). WordPress exports never do, and DTDs are refused so that entities cannot read files or expand without bound.";

    public static string NotAnExport(string root) =>
        $"This XML is not a WordPress export: its root element is <{root}>, where an export has <rss> with the namespace {WxrNames.ExportNamespacePrefix}….";

    public const string RssWithoutExportNamespace =
        $"This is an RSS feed but not a WordPress export: the namespace {WxrNames.ExportNamespacePrefix}… is not declared. Export the site from Tools › Export in WordPress.";

    public static string Malformed(int line, int position, string detail) =>
        $"The WordPress export is not well-formed XML at line {line}, position {position}: {detail}";
}
