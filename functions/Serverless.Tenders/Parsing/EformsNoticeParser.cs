using System.Xml.Linq;
using Serverless.Tenders.Model;
using static Serverless.Tenders.Parsing.EformsNames;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Maps an eForms notice (any SDK version in use: the XPaths below have not moved since SDK 1.0)
/// to a <see cref="TenderRecord"/>. Only the notice id is required: award notices have no deadline,
/// PIN-only notices no lots, change notices repeat the notice they change, and all still make a record.
/// </summary>
internal static class EformsNoticeParser
{
    private const string NonRestrictedDocument = "non-restricted-document";

    public static bool CanParse(XName root) => NoticeRoots.Contains(root);

    public static ParseResult Parse(XElement notice)
    {
        // BT-701: the notice's UUID; a notice without one cannot be identified or deduplicated.
        var noticeId = Text(notice.Elements(Cbc + "ID").FirstOrDefault(id => Scheme(id) == "notice-id"));
        if (noticeId is null)
        {
            return ParseResult.Failure(ParseProblems.EformsWithoutNoticeId(notice.Name.LocalName));
        }

        // BT-702(a) as written ("ENG", "FRA"): multilingual texts are picked in this language.
        var language = Text(notice.Element(Cbc + "NoticeLanguageCode"));
        // Only the notice's own extension: lots and criteria carry UBLExtensions of their own.
        var extension = notice.Elements(Ext + "UBLExtensions").Elements(Ext + "UBLExtension")
            .Elements(Ext + "ExtensionContent").Elements(Efext + "EformsExtension").FirstOrDefault();
        var project = notice.Element(Cac + "ProcurementProject");
        var buyer = FindBuyer(notice, extension);
        var lots = notice.Elements(Cac + "ProcurementProjectLot")
            .Where(lot => Scheme(lot.Element(Cbc + "ID")) == "Lot" && Text(lot.Element(Cbc + "ID")) is not null)
            .Select(lot => ParseLot(lot, language))
            .ToArray();

        var record = new TenderRecord
        {
            Format = NoticeFormats.Eforms,
            NoticeId = noticeId,
            NoticeVersion = Text(notice.Element(Cbc + "VersionID")),
            NoticeSubtype = Text(extension?.Element(Efac + "NoticeSubType")?.Element(Cbc + "SubTypeCode")),
            PublicationId = Text(extension?.Elements(Efac + "Publication").Elements(Efbc + "NoticePublicationID")
                .FirstOrDefault(id => Scheme(id) == "ojs-notice-id")),
            Language = language,
            Title = InLanguage(project?.Elements(Cbc + "Name"), language),
            Description = InLanguage(project?.Elements(Cbc + "Description"), language),
            Buyer = buyer is null ? null : BuyerParty(buyer, language),
            MainCpv = MainCpv(project),
            AdditionalCpv = (project?.Elements(Cac + "AdditionalCommodityClassification")
                    .Elements(Cbc + "ItemClassificationCode") ?? [])
                .Select(Text).OfType<string>().Distinct(StringComparer.Ordinal).ToArray(),
            EstimatedValue = EstimatedValue(project),
            ProcedureType = Text(notice.Element(Cac + "TenderingProcess")?.Element(Cbc + "ProcedureCode")),
            // eForms has no procedure-level deadline (BT-131 is per lot): the record's deadline is the
            // earliest lot deadline, the first moment at which some part of the procedure closes.
            Deadline = lots.Where(lot => lot.Deadline is not null).MinBy(lot => lot.Deadline!.Value.UtcDateTime)?.Deadline,
            Lots = lots,
            Links = Links(notice, buyer),
        };
        return ParseResult.Success(record);
    }

    private static Lot ParseLot(XElement lot, string? language)
    {
        var project = lot.Element(Cac + "ProcurementProject");
        var deadline = lot.Element(Cac + "TenderingProcess")?.Element(Cac + "TenderSubmissionDeadlinePeriod");
        return new Lot
        {
            Id = Text(lot.Element(Cbc + "ID"))!,
            Title = InLanguage(project?.Elements(Cbc + "Name"), language),
            MainCpv = MainCpv(project),
            EstimatedValue = EstimatedValue(project),
            Deadline = EformsDateTime.Combine(
                deadline?.Element(Cbc + "EndDate")?.Value, deadline?.Element(Cbc + "EndTime")?.Value),
        };
    }

    /// <summary>
    /// The buyer is a reference (OPT-300) from the contracting party to an organisation in the
    /// notice's organisation list (OPT-200). With several buyers (joint procurement) the first leads.
    /// </summary>
    private static XElement? FindBuyer(XElement notice, XElement? extension)
    {
        var buyerId = Text(notice.Elements(Cac + "ContractingParty").Elements(Cac + "Party")
            .Elements(Cac + "PartyIdentification").Elements(Cbc + "ID").FirstOrDefault());
        if (buyerId is null || extension is null)
        {
            return null;
        }

        return extension.Elements(Efac + "Organizations").Elements(Efac + "Organization").Elements(Efac + "Company")
            .FirstOrDefault(company => company.Elements(Cac + "PartyIdentification").Elements(Cbc + "ID")
                .Any(id => Text(id) == buyerId));
    }

    private static Party? BuyerParty(XElement company, string? language)
    {
        var name = InLanguage(company.Elements(Cac + "PartyName").Elements(Cbc + "Name"), language);
        var country = Text(company.Element(Cac + "PostalAddress")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode"));
        return name is null && country is null ? null : new Party(name, country);
    }

    private static IReadOnlyList<NoticeLink> Links(XElement notice, XElement? buyer)
    {
        var links = new LinkCollector();
        // Lots and PIN parts both carry tendering terms; lot groups carry none of these.
        var terms = notice.Elements(Cac + "ProcurementProjectLot").Elements(Cac + "TenderingTerms").ToArray();

        // BT-15 is the non-restricted documents URL; BT-615 (restricted documents) is an access
        // point behind a login, not documents anyone can follow, so it is left out.
        foreach (var uri in terms.Elements(Cac + "CallForTendersDocumentReference")
                     .Where(reference => Text(reference.Element(Cbc + "DocumentType")) == NonRestrictedDocument)
                     .Elements(Cac + "Attachment").Elements(Cac + "ExternalReference").Elements(Cbc + "URI"))
        {
            links.Add(uri.Value, LinkKinds.Documents);
        }

        foreach (var endpoint in terms.Elements(Cac + "TenderRecipientParty").Elements(Cbc + "EndpointID"))
        {
            links.Add(endpoint.Value, LinkKinds.Submission);
        }

        links.Add(buyer?.Element(Cbc + "WebsiteURI")?.Value, LinkKinds.Buyer);
        return links.ToList();
    }

    private static string? MainCpv(XElement? project) =>
        Text(project?.Element(Cac + "MainCommodityClassification")?.Element(Cbc + "ItemClassificationCode"));

    private static Money? EstimatedValue(XElement? project)
    {
        var amount = project?.Element(Cac + "RequestedTenderTotal")?.Element(Cbc + "EstimatedOverallContractAmount");
        return amount is null ? null : NoticeText.Money(amount.Value, (string?)amount.Attribute("currencyID"));
    }

    /// <summary>
    /// Multilingual notices repeat a text once per language (<c>languageID</c>); we keep the one in
    /// the notice's own language, else the first, so a record reads in one language throughout.
    /// </summary>
    private static string? InLanguage(IEnumerable<XElement>? texts, string? language)
    {
        var candidates = texts?.ToArray() ?? [];
        var match = candidates.FirstOrDefault(text =>
            string.Equals((string?)text.Attribute("languageID"), language, StringComparison.OrdinalIgnoreCase));
        return Text(match ?? candidates.FirstOrDefault());
    }

    private static string? Scheme(XElement? id) => (string?)id?.Attribute("schemeName");

    private static string? Text(XElement? element) => NoticeText.Normalize(element?.Value);
}
