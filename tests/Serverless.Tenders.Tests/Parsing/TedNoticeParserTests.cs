using Serverless.Tenders.Parsing;
using Serverless.Tenders.Tests.Corpus;

namespace Serverless.Tenders.Tests.Parsing;

/// <summary>
/// Every legacy TED export in the corpus, parsed through <see cref="NoticeParser"/> and compared
/// with values read by hand from the XML. Deadlines are the buyer's local time (see TedLocalTime):
/// the offset in each expectation is the one in force in the buyer's country on that date.
/// </summary>
public sealed class TedNoticeParserTests
{
    private const string Ted = "ted";

    private static readonly Dictionary<string, ExpectedNotice> Expectations = new(StringComparer.Ordinal)
    {
        // Old R2.0.8 award form (CONTRACT_AWARD wrapping FD_CONTRACT_AWARD), compact single-line XML.
        // No OBJECT_DESCR, so no lots; the only estimate is the awarded contract's
        // INITIAL_ESTIMATED_TOTAL_VALUE_CONTRACT, not an estimate of the procedure.
        ["ted-002672-2015_R2.0.8_can_fr.xml"] = new()
        {
            Format = Ted,
            NoticeId = "2015/S 002-002672",
            NoticeSubtype = "CONTRACT_AWARD",
            PublicationId = "002672-2015",
            Language = "FR",
            Title = "Fourniture de services postaux pour les besoins de la région Bretagne.",
            DescriptionStart = "Le présent marché a pour objet les prestations de levée et de remise du courrier",
            BuyerName = "Région Bretagne",
            BuyerCountry = "FR",
            MainCpv = "64110000",
            AdditionalCpv = ["64113000"],
            ProcedureType = "Open procedure",
            LotCount = 0,
            Links =
            [
                ("http://www.bretagne.fr", "buyer"),
                ("https://marches.e-megalisbretagne.org", "buyer"),
            ],
        },
        // Where each value comes from (line numbers in the file):
        //   noticeId     32  CODED_DATA_SECTION/NOTICE_DATA/NO_DOC_OJS;  publicationId 8  TED_EXPORT/@DOC_ID
        //   language     36  LG_ORIG "DE" = 235 F02_2014[@CATEGORY='ORIGINAL']/@LG;  subtype: that form's name
        //   title        260 OBJECT_CONTRACT/TITLE/P;  description 267 OBJECT_CONTRACT/SHORT_DESCR
        //   buyer        239 CONTRACTING_BODY/ADDRESS_CONTRACTING_BODY/OFFICIALNAME, 243 COUNTRY/@VALUE "DE"
        //   cpv          263 CPV_MAIN 80000000 = 40 ORIGINAL_CPV, the only code: no additional ones
        //   procedure    50  CODIF_DATA/PR_PROC "Open procedure"
        //   deadline     46  DT_DATE_FOR_SUBMISSION "20210301 08:00": Berlin local time, CET in March
        //   lots         30 OBJECT_DESCR with LOT_NO, 1 … 12 then 11000 … 121000; titles in TITLE/P
        //   value        no VAL_ESTIMATED_TOTAL / VAL_OBJECT anywhere
        //   links        251 URL_DOCUMENT, 253 URL_PARTICIPATION, 248 URL_GENERAL
        ["ted-052928-2021_F02_cn_de.xml"] = new()
        {
            Format = Ted,
            NoticeId = "2021/S 022-052928",
            NoticeSubtype = "F02_2014",
            PublicationId = "052928-2021",
            Language = "DE",
            Title = "Entwicklung digitaler Kompetenzen von Lehrkräften der Grund- und Sekundarstufe in Sachsen-Anhalt",
            DescriptionStart = "Ziel der Gesamtmaßnahme ist die Unterstützung von Lehrkräften",
            BuyerName = "Landesinstitut für Schulqualität und Lehrerbildung Sachsen Anhalt (LISA)",
            BuyerCountry = "DE",
            MainCpv = "80000000",
            ProcedureType = "Open procedure",
            Deadline = "2021-03-01T08:00:00+01:00",
            LotCount = 30,
            FirstLot = new("1", "Pflichtveranstaltung in Modul A"),
            LastLot = new("121000", "Option Impulsseminar in Modul F"),
            Links =
            [
                ("https://www.evergabe.de/unterlagen/2360906/zustellweg-auswaehlen", "documents"),
                ("https://www.evergabe.de", "submission"),
                ("https://lisa.sachsen-anhalt.de/", "buyer"),
            ],
        },
        // Three original forms (EN, FR, DE); LG_ORIG lists EN first. Lots have no TITLE, only a SHORT_DESCR.
        // The participation address repeats URL_GENERAL; URL_BUYER is written without a scheme.
        ["ted-107804-2022_F02_cn_en-fr-de.xml"] = new()
        {
            Format = Ted,
            NoticeId = "2022/S 041-107804",
            NoticeSubtype = "F02_2014",
            PublicationId = "107804-2022",
            Language = "EN",
            Title = "Generation of technical data for the application for authorisation of a new food additive in the EU",
            DescriptionStart = "ETH Zürich has co-developed a novel product derived from olive pomace",
            BuyerName = "ETH Zürich Abteilung Finanzdienstleistungen",
            BuyerCountry = "CH",
            MainCpv = "71600000",
            AdditionalCpv = ["71610000"],
            ProcedureType = "Open procedure",
            Deadline = "2022-03-23T12:00:00+01:00",
            LotCount = 3,
            FirstLot = new("1", null),
            LastLot = new("3", null),
            Links =
            [
                ("http://www.simap.ch/shabforms/servlet/Search?NOTICE_NR=1247655", "documents"),
                ("https://www.simap.ch", "buyer"),
                ("www.ethz.ch", "buyer"),
            ],
        },
        // A corrigendum (F14): no object details beyond title and CPV, no procedure section. The
        // coded deadline is the corrected one (CHANGES NEW_VALUE 2023-03-03 17:00), Lisbon time, WET.
        ["ted-121869-2023_F14_corrigendum_pt.xml"] = new()
        {
            Format = Ted,
            NoticeId = "2023/S 041-121869",
            NoticeSubtype = "F14_2014",
            PublicationId = "121869-2023",
            Language = "PT",
            Title = "Empreitada EN341 - ACESSO AO TERMINAL FERROVIÁRIO DE ALFARELOS (EN342) - 1ª FASE - SUPRESSÃO DA PN DA EN 342 (PK 219,597 DO RAMAL DE ALFARELOS) E NOVO ACESSO, PELA EN341, AO TERMINAL FERROVIÁRIO DE ALFARELOS",
            DescriptionStart = "A empreitada consiste no desnivelamento da Passagem de Nível ao Pk 219+597 do Ramal de Alfarelos e na melhoria do acesso",
            BuyerName = "Infraestruturas de Portugal, S. A.",
            BuyerCountry = "PT",
            MainCpv = "45221121",
            ProcedureType = "Open procedure",
            Deadline = "2023-03-03T17:00:00+00:00",
            LotCount = 0,
            Links = [("http://www.infraestruturasdeportugal.pt/", "buyer")],
        },
        // An award notice (F06): lot estimates come from AWARD_CONTRACT/…/VAL_ESTIMATED_TOTAL per LOT_NO;
        // lots 4 and 5 were not awarded and have none. VAL_TOTAL and VALUES PROCUREMENT_TOTAL are final
        // values, not estimates. ORIGINAL_CPV lists the main code and the lots' 14 additional ones.
        ["ted-404080-2018_F06_can_fr.xml"] = new()
        {
            Format = Ted,
            NoticeId = "2018/S 178-404080",
            NoticeSubtype = "F06_2014",
            PublicationId = "404080-2018",
            Language = "FR",
            Title = "Marché de travaux d'infrastructures, d'ouvrage d'art et d'aménagements paysagers de la ligne BHNS secteur Mandelieu centre",
            DescriptionStart = "Réalisation de la tranche de travaux de la ligne du bus à haut niveau de service secteur Mandelieu Centre",
            BuyerName = "CAPL",
            BuyerCountry = "FR",
            MainCpv = "45234116",
            AdditionalCpv =
            [
                "45233200", "44113320", "45232410", "45220000", "45221115", "45221119", "45223210",
                "45112710", "45211360", "45112700", "42122130", "45200000", "45213300", "45213310",
            ],
            ProcedureType = "Negotiated procedure",
            LotCount = 5,
            FirstLot = new("1", "Infrastructures", EstimatedAmount: 4400000m, EstimatedCurrency: "EUR"),
            LastLot = new("5", "Auvent"),
            Links =
            [
                ("http://www.cannespaysdelerins.fr", "buyer"),
                ("http://www.marches-securises.fr", "buyer"),
            ],
        },
    };

    public static TheoryData<string> Files => new(Expectations.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_CorpusFile_MatchesHandCheckedFields(string file)
    {
        using var content = CorpusFiles.Open(CorpusFiles.TedFolder, file);

        var result = new NoticeParser().Parse(content);

        NoticeAssert.Matches(Expectations[file], result);
    }

    [Fact]
    public void Parse_CorpusFolder_EveryFileHasHandCheckedFields()
    {
        Assert.Equal(Expectations.Keys.Order(StringComparer.Ordinal), CorpusFiles.Names(CorpusFiles.TedFolder));
    }

    [Fact]
    public void Parse_AwardNoticeLots_TakeEstimatesFromTheirAwardedContracts()
    {
        using var content = CorpusFiles.Open(CorpusFiles.TedFolder, "ted-404080-2018_F06_can_fr.xml");

        var lots = new NoticeParser().Parse(content).Record!.Lots;

        // AWARD_CONTRACT ITEM 1-3: VAL_ESTIMATED_TOTAL 4400000, 530000, 460000 EUR; 4 and 5 NO_AWARDED_CONTRACT.
        Assert.Equal(
            [4400000m, 530000m, 460000m, null, null],
            lots.Select(lot => lot.EstimatedValue?.Amount));
        Assert.Equal("Élargissement Ouvrage d'Art (OA) sur la Siagne", lots[1].Title);
    }
}
