using System.Xml.Linq;

namespace Serverless.Tenders.Parsing;

/// <summary>The XML namespaces eForms notices use (UBL 2.3 plus the eForms extension schemas).</summary>
internal static class EformsNames
{
    public static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    public static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public static readonly XNamespace Ext = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
    public static readonly XNamespace Efext = "http://data.europa.eu/p27/eforms-ubl-extensions/1";
    public static readonly XNamespace Efac = "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1";
    public static readonly XNamespace Efbc = "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1";

    /// <summary>The UBL document types eForms uses for notices; each has its own namespace.</summary>
    public static readonly IReadOnlySet<XName> NoticeRoots = new HashSet<XName>
    {
        Root("ContractNotice"),
        Root("ContractAwardNotice"),
        Root("PriorInformationNotice"),
    };

    private static XName Root(string documentType) =>
        XName.Get(documentType, $"urn:oasis:names:specification:ubl:schema:xsd:{documentType}-2");
}
