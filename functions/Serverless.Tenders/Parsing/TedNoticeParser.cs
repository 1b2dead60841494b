using System.Globalization;
using System.Xml.Linq;
using Serverless.Tenders.Model;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Maps a legacy TED export (<c>TED_EXPORT</c>, schema R2.0.8 and R2.0.9: the "2014 directive"
/// forms <c>F01_2014</c>…<c>F25_2014</c> and the older forms such as <c>CONTRACT_AWARD</c>) to a
/// <see cref="TenderRecord"/>. TED adds a coded section to every notice (<c>CODED_DATA_SECTION</c>):
/// it is the same in every release, so it is the first source for what it holds and the fallback
/// for the rest, which comes from the form in the notice's original language.
/// </summary>
/// <remarks>
/// Identity: <c>NoticeId</c> is the OJ S number (<c>NOTICE_DATA/NO_DOC_OJS</c>, "2019/S 110-270492"),
/// the reference people quote. <c>PublicationId</c> is the root's <c>DOC_ID</c> ("270492-2019"): the
/// same publication number written the way eForms writes its OJ S notice id (OPP-010,
/// <c>NoticePublicationID</c>, "00000372-2025"), so one key finds a publication in either format.
/// </remarks>
internal static class TedNoticeParser
{
    private const string OriginalCategory = "ORIGINAL";

    public static bool CanParse(XName root) => root.LocalName == "TED_EXPORT";

    public static ParseResult Parse(XElement export)
    {
        var coded = export.Child("CODED_DATA_SECTION");
        var noticeData = coded.Child("NOTICE_DATA");
        var codif = coded.Child("CODIF_DATA");

        // NOTICE_DATA's own number: the NO_DOC_OJS under REF_NOTICE is the notice this one refers to.
        var ojsNumber = Text(noticeData.Child("NO_DOC_OJS"));
        if (ojsNumber is null)
        {
            return ParseResult.Failure(ParseProblems.TedWithoutOjsNumber);
        }

        // A notice may be published in several original languages (a Swiss notice in EN, DE and FR):
        // the first LG_ORIG is the one TED lists first and the one whose form we read.
        var language = Text(noticeData.Child("LG_ORIG"));
        var form = OriginalForm(export, language);
        language ??= form.AttributeText("LG");

        // R2.0.8 forms wrap their sections in FD_<form> (FD_CONTRACT_AWARD); R2.0.9 forms do not.
        // Section names changed too (CONTRACTING_BODY / CONTRACTING_AUTHORITY_INFORMATION_…), their prefixes did not.
        var body = form.ChildStartingWith("FD_") ?? form;
        var contracting = body.ChildStartingWith("CONTRACTING_");
        var objectSection = body.ChildStartingWith("OBJECT_CONTRACT");
        var procedure = body.ChildStartingWith("PROCEDURE");

        var buyer = Buyer(export, contracting, noticeData, language);
        var mainCpv = MainCpv(objectSection, noticeData);
        var deadline = SubmissionDeadline(codif, procedure);

        var record = new TenderRecord
        {
            Format = NoticeFormats.Ted,
            NoticeId = ojsNumber,
            // TED exports carry no notice version; the form is the nearest thing to a subtype.
            NoticeVersion = null,
            NoticeSubtype = form?.Name.LocalName,
            PublicationId = export.AttributeText("DOC_ID"),
            Language = language,
            Title = Paragraphs(objectSection.Child("TITLE") ?? objectSection.DescendantsNamed("TITLE_CONTRACT").FirstOrDefault())
                    ?? TranslatedTitle(export, language),
            Description = Paragraphs(objectSection.Child("SHORT_DESCR")
                                     ?? objectSection.DescendantsNamed("SHORT_CONTRACT_DESCRIPTION").FirstOrDefault()),
            Buyer = buyer,
            MainCpv = mainCpv,
            AdditionalCpv = AdditionalCpv(noticeData, objectSection, mainCpv),
            EstimatedValue = Money(objectSection.Child("VAL_ESTIMATED_TOTAL"))
                             ?? Money(noticeData.Child("VALUES").Children("VALUE")
                                 .FirstOrDefault(value => value.AttributeText("TYPE") == "ESTIMATED_TOTAL")),
            ProcedureType = Text(codif.Child("PR_PROC"))
                            ?? procedure?.Descendants().FirstOrDefault(e => e.Name.LocalName.StartsWith("PT_", StringComparison.Ordinal))?.Name.LocalName,
            Deadline = deadline is null
                ? null
                : TedLocalTime.Apply(deadline.Value, buyer?.Country ?? noticeData.Child("ISO_COUNTRY").AttributeText("VALUE")),
            Lots = objectSection.Children("OBJECT_DESCR")
                .Where(description => Text(description.Child("LOT_NO")) is not null)
                .Select(description => ParseLot(description, body))
                .ToArray(),
            Links = Links(contracting),
        };
        return ParseResult.Success(record);
    }

    /// <summary>The original-language form, else any original, else whatever form there is.</summary>
    private static XElement? OriginalForm(XElement export, string? language)
    {
        var forms = export.Child("FORM_SECTION")?.Elements().ToArray() ?? [];
        var originals = forms.Where(form => form.AttributeText("CATEGORY") == OriginalCategory).ToArray();
        return originals.FirstOrDefault(form => string.Equals(form.AttributeText("LG"), language, StringComparison.OrdinalIgnoreCase))
               ?? originals.FirstOrDefault()
               ?? forms.FirstOrDefault();
    }

    /// <summary>
    /// The contracting body's first official name and country in the form (its own address comes
    /// first), else TED's coded authority name and country.
    /// </summary>
    private static Party? Buyer(XElement export, XElement? contracting, XElement? noticeData, string? language)
    {
        var names = export.Child("TRANSLATION_SECTION").Child("ML_AA_NAMES").Children("AA_NAME").ToArray();
        var name = Text(contracting.DescendantsNamed("OFFICIALNAME").FirstOrDefault())
                   ?? Text(names.FirstOrDefault(aa => string.Equals(aa.AttributeText("LG"), language, StringComparison.OrdinalIgnoreCase))
                           ?? names.FirstOrDefault());
        var country = contracting.DescendantsNamed("COUNTRY").FirstOrDefault().AttributeText("VALUE")
                      ?? noticeData.Child("ISO_COUNTRY").AttributeText("VALUE");
        return name is null && country is null ? null : new Party(name, country);
    }

    private static string? MainCpv(XElement? objectSection, XElement? noticeData) =>
        (objectSection.Child("CPV_MAIN") ?? objectSection.DescendantsNamed("CPV_MAIN").FirstOrDefault())
            .Child("CPV_CODE").AttributeText("CODE")
        ?? noticeData.Child("ORIGINAL_CPV").AttributeText("CODE");

    /// <summary>
    /// TED's coded list of all the notice's CPV codes, then the form's additional codes (R2.0.9
    /// gives them per lot), without the main code and without repeats, in document order.
    /// </summary>
    private static IReadOnlyList<string> AdditionalCpv(XElement? noticeData, XElement? objectSection, string? mainCpv) =>
        noticeData.Children("ORIGINAL_CPV").Select(cpv => cpv.AttributeText("CODE"))
            .Concat(objectSection.DescendantsNamed("CPV_ADDITIONAL").Select(cpv => cpv.Child("CPV_CODE").AttributeText("CODE")))
            .OfType<string>()
            .Where(code => code != mainCpv)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The coded deadline (<c>yyyyMMdd HH:mm</c>) TED keeps up to date, also after a corrigendum
    /// moved it; else the form's own date and time. Local time, without offset: see <see cref="TedLocalTime"/>.
    /// </summary>
    private static DateTime? SubmissionDeadline(XElement? codif, XElement? procedure)
    {
        var coded = Text(codif.Child("DT_DATE_FOR_SUBMISSION"));
        if (coded is not null)
        {
            return LocalDateTime(coded, "yyyyMMdd", "yyyyMMdd HH:mm", "yyyyMMdd H:mm");
        }

        var date = Text(procedure.Child("DATE_RECEIPT_TENDERS"));
        var time = Text(procedure.Child("TIME_RECEIPT_TENDERS"));
        return date is null ? null
            : time is null ? LocalDateTime(date, "yyyy-MM-dd")
            : LocalDateTime($"{date} {time}", "yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm");
    }

    /// <summary>A date without a time is read as the end of that day, as for eForms.</summary>
    private static DateTime? LocalDateTime(string text, string dateOnlyFormat, params string[] formats)
    {
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            return dateTime;
        }

        return DateTime.TryParseExact(text, dateOnlyFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.Date.AddDays(1).AddSeconds(-1)
            : null;
    }

    private static Lot ParseLot(XElement description, XElement? body)
    {
        var id = Text(description.Child("LOT_NO"))!;
        // R2.0.9 lots have no main CPV of their own (only CPV_ADDITIONAL) and share the notice's
        // deadline, so those stay empty rather than be copied from the procedure.
        return new Lot
        {
            Id = id,
            Title = Paragraphs(description.Child("TITLE")),
            // A contract notice gives the lot's estimate in VAL_OBJECT; an award notice gives the
            // "initially estimated value" of the contract awarded for the lot.
            EstimatedValue = Money(description.Child("VAL_OBJECT"))
                             ?? Money(body.Children("AWARD_CONTRACT")
                                 .Where(award => Text(award.Child("LOT_NO")) == id)
                                 .SelectMany(award => award.DescendantsNamed("VAL_ESTIMATED_TOTAL"))
                                 .FirstOrDefault()),
        };
    }

    private static IReadOnlyList<NoticeLink> Links(XElement? contracting)
    {
        var links = new LinkCollector();
        foreach (var url in contracting.DescendantsNamed("URL_DOCUMENT"))
        {
            links.Add(url.Value, LinkKinds.Documents);
        }

        foreach (var url in contracting.DescendantsNamed("URL_PARTICIPATION"))
        {
            links.Add(url.Value, LinkKinds.Submission);
        }

        foreach (var url in contracting?.Descendants().Where(IsBuyerUrl) ?? [])
        {
            links.Add(url.Value, LinkKinds.Buyer);
        }

        return links.ToList();

        // The buyer's own addresses only: URL_GENERAL also appears in the addresses for further
        // information or participation, which may be another organisation's.
        bool IsBuyerUrl(XElement url) =>
            url.Name.LocalName is "URL_GENERAL" or "URL_BUYER"
            && !url.Ancestors().TakeWhile(ancestor => ancestor != contracting).Any(ancestor =>
                ancestor.Name.LocalName.StartsWith("ADDRESS_", StringComparison.Ordinal)
                && ancestor.Name.LocalName != "ADDRESS_CONTRACTING_BODY");
    }

    /// <summary>TED's short multilingual heading, used only when the form gives no title.</summary>
    private static string? TranslatedTitle(XElement export, string? language) =>
        Paragraphs(export.Child("TRANSLATION_SECTION").Child("ML_TITLES").Children("ML_TI_DOC")
            .FirstOrDefault(title => string.Equals(title.AttributeText("LG"), language, StringComparison.OrdinalIgnoreCase))
            .Child("TI_TEXT"));

    /// <summary>
    /// TED texts are paragraphs (<c>P</c>), written without separators in compact exports; they are
    /// joined with a space. Inline markup such as superscripts (<c>FT</c>) keeps its text.
    /// </summary>
    private static string? Paragraphs(XElement? text)
    {
        if (text is null)
        {
            return null;
        }

        var paragraphs = text.Children("P").Select(p => p.Value).ToArray();
        return NoticeText.Normalize(paragraphs.Length == 0 ? text.Value : string.Join(' ', paragraphs));
    }

    private static Money? Money(XElement? amount) =>
        amount is null ? null : NoticeText.Money(amount.Value, amount.AttributeText("CURRENCY"));

    private static string? Text(XElement? element) => NoticeText.Normalize(element?.Value);
}
