using Serverless.Tenders.Parsing;
using Serverless.Tenders.Tests.Corpus;

namespace Serverless.Tenders.Tests.Parsing;

/// <summary>
/// Every eForms notice in the corpus, parsed through <see cref="NoticeParser"/> and compared with
/// values read by hand from the XML.
/// </summary>
public sealed class EformsNoticeParserTests
{
    private const string Eforms = "eforms";

    private static readonly Dictionary<string, ExpectedNotice> Expectations = new(StringComparer.Ordinal)
    {
        // Where each value comes from (line numbers in the file):
        //   noticeId   430  /ContractNotice/cbc:ID[@schemeName='notice-id']
        //   version    437  cbc:VersionID "03";  subtype 11  efac:NoticeSubType/cbc:SubTypeCode "16"
        //   publication     no efbc:NoticePublicationID in the file
        //   language   443  cbc:NoticeLanguageCode "ENG"
        //   title      565  cac:ProcurementProject/cbc:Name;  description 567
        //   buyer      458  cac:ContractingParty/cac:Party/…/cbc:ID ORG-0001 → organisation ORG-0001:
        //                26 cac:PartyName/cbc:Name (sic "Adinistration"), 42 cac:Country/cbc:IdentificationCode
        //   cpv        583  main 79710000;  588 additional 79720000
        //   value      578  RequestedTenderTotal/EstimatedOverallContractAmount 9999999.99 EUR
        //   procedure  551  cac:TenderingProcess/cbc:ProcedureCode "neg-w-call"
        //   lots       619  GLO-0001 is a LotsGroup, not a lot; 700 LOT-0001 and 1239 LOT-0002
        //              LOT-0001: 1139 name "Title ---", 1185 cpv 75121000, 1180 value, 1084-1085 deadline
        //              LOT-0002: 1682 name "Title Lot 2---", 1621-1622 the same deadline
        //   deadline   earliest lot deadline: both 2023-05-22 20:59:32+01:00
        //   links      852 BT-15 (non-restricted; 893 http://accessto.com is BT-615, restricted: left out),
        //              1008 BT-18 TenderRecipientParty/cbc:EndpointID, 17 buyer's BT-505 cbc:WebsiteURI
        ["sdk-1.0.0_cn_24_maximal.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "14549263-b47b-4e59-96a1-2d0d13e19343",
            NoticeVersion = "03",
            NoticeSubtype = "16",
            Language = "ENG",
            Title = "Procurement Title ---",
            DescriptionStart = "Description ---",
            BuyerName = "Financial Adinistration for ...",
            BuyerCountry = "GBR",
            MainCpv = "79710000",
            AdditionalCpv = ["79720000"],
            ProcedureType = "neg-w-call",
            EstimatedAmount = 9999999.99m,
            EstimatedCurrency = "EUR",
            Deadline = "2023-05-22T20:59:32+01:00",
            LotCount = 2,
            FirstLot = new("LOT-0001", "Title ---", "75121000", 9999999.99m, "EUR", "2023-05-22T20:59:32+01:00"),
            LastLot = new("LOT-0002", "Title Lot 2---", "75121000", 9999999.99m, "EUR", "2023-05-22T20:59:32+01:00"),
            Links =
            [
                ("http://nonrestricteddocuments.com", "documents"),
                ("http://tender-submit.fin-adm.com/esubmission", "submission"),
                ("https://www.fin-adm.com", "buyer"),
            ],
        },
        // A change notice (efac:Changes) for a contract notice: still a record of its own.
        ["sdk-1.10.0_change-cn_24_open_dates.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "71397268-6c47-4f2f-8ab0-f41a26138f81",
            NoticeVersion = "01",
            NoticeSubtype = "16",
            Language = "ENG",
            Title = "Term Contract for a Planned Programme of In-service Inspection and Testing of Electrical Equipment",
            DescriptionStart = "The purpose of this contract is to formalise the Councils requirement",
            BuyerName = "Renfrewshire Council",
            BuyerCountry = "GBR",
            MainCpv = "71630000",
            AdditionalCpv = ["71314100", "50300000", "31600000"],
            ProcedureType = "open",
            EstimatedAmount = 500000m,
            EstimatedCurrency = "EUR",
            Deadline = "2020-06-12T12:00:00+01:00",
            LotCount = 1,
            FirstLot = new("LOT-0000", "Term Contract for a Planned Programme of In-service Inspection and Testing of Electrical Equipment",
                "71630000", Deadline: "2020-06-12T12:00:00+01:00"),
            // The submission URL (BT-18) is the documents URL again: one link.
            Links =
            [
                ("https://www.publictendersscotland.publiccontractsscotland.gov.uk", "documents"),
                ("http://www.renfrewshire.gov.uk", "buyer"),
            ],
        },
        // A contract modification notice: no procedure type, no deadline.
        ["sdk-1.13.0_can-modif_24_value.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "3572a106-eb30-4c7a-8ac5-b3502f71742a",
            NoticeVersion = "01",
            NoticeSubtype = "38",
            Language = "ENG",
            Title = "Change Partner",
            DescriptionStart = "LSBU is seeking the services of a strategic change partner",
            BuyerName = "London South Bank University",
            BuyerCountry = "GBR",
            MainCpv = "79410000",
            LotCount = 1,
            FirstLot = new("LOT-0000", "Change Partner", "79410000"),
            Links = [("https://www.lsbu.ac.uk", "buyer")],
        },
        ["sdk-1.15.1_cn_24_FRA_comments.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "da4d46e9-490b-41ff-a2ae-8166d356a619",
            NoticeVersion = "01",
            NoticeSubtype = "16",
            Language = "FRA",
            Title = "Service d'entretien de remise en état et de nettoyage des espaces verts",
            DescriptionStart = "Service d'entretien de remise en état et de nettoyage des espaces verts.",
            BuyerName = "Rouen Habitat",
            BuyerCountry = "FRA",
            MainCpv = "77310000",
            ProcedureType = "open",
            Deadline = "2019-06-24T16:00:00+00:00",
            LotCount = 2,
            FirstLot = new("LOT-0001", "Agence centre", "77310000", Deadline: "2019-06-24T16:00:00+00:00"),
            LastLot = new("LOT-0002", "Agence Hauts de Rouen", "77310000", Deadline: "2019-06-24T16:00:00+00:00"),
            // Documents, submission (BT-18) and buyer site (BT-505) are all the same URL.
            Links = [("https://www.marches-publics.info/accueil.htm", "documents")],
        },
        // Every text in 24 languages; the notice language is ENG.
        ["sdk-1.15.1_cn_24_multilingual.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "55aae64f-88a8-44a5-b2fb-8228e97fe6ee",
            NoticeVersion = "01",
            NoticeSubtype = "16",
            Language = "ENG",
            Title = "Provision of IT Services Related to OP IT Systems (EUR-Lex, N-Lex, Search Layer, and Others)",
            DescriptionStart = "Provision of IT services related to the information systems of the publications office",
            BuyerName = "Publications Office of the European Union",
            BuyerCountry = "LUX",
            MainCpv = "72230000",
            AdditionalCpv = ["72260000"],
            ProcedureType = "open",
            EstimatedAmount = 4500000m,
            EstimatedCurrency = "EUR",
            Deadline = "2020-02-03T13:00:00+00:00",
            LotCount = 1,
            FirstLot = new("LOT-0000", "Provision of IT Services Related to OP IT Systems (EUR-Lex, N-Lex, Search Layer, and Others)",
                "72230000", 4500000m, "EUR", "2020-02-03T13:00:00+00:00"),
            // The only document reference is restricted-document (BT-615): no documents link.
            Links =
            [
                ("https://etendering.ted.europa.eu/cft/cft-display.html?cftId=5629", "submission"),
                ("https://op.europa.eu/", "buyer"),
            ],
        },
        // An award notice: lots, no deadlines.
        ["sdk-1.5.0_can_24_FRA_comments.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "df45f4d1-2208-47cb-bc7a-9c7edcf8d2b8",
            NoticeVersion = "01",
            NoticeSubtype = "29",
            Language = "FRA",
            Title = "Service d'entretien de remise en état et de nettoyage des espaces verts",
            BuyerName = "Rouen Habitat",
            BuyerCountry = "FRA",
            MainCpv = "77310000",
            ProcedureType = "open",
            LotCount = 2,
            FirstLot = new("LOT-0001", "Agence centre", "77310000"),
            LastLot = new("LOT-0002", "Agence Hauts de Rouen", "77310000"),
            Links = [("http://www.marches-publics.info/accueil.htm", "buyer")],
        },
        // PIN only: its ten ProcurementProjectLot are parts (schemeName="Part", PAR-0001…), not lots,
        // and there is no procedure type or deadline yet. The title has a stray U+008D after the
        // dash (line 109, bytes E2 80 94 C2 8D): an invisible control character, dropped.
        ["sdk-1.5.0_pin-only_24_lots.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "199b243b-4daf-4d7d-ba7c-f37f88102480",
            NoticeVersion = "01",
            NoticeSubtype = "4",
            Language = "ENG",
            Title = "Fusion21 Materials Supply Framework — Market Engagement Opportunity",
            DescriptionStart = "Fusion21 is developing a new framework for the supply of materials",
            BuyerName = "Fusion21 Members Consortium",
            BuyerCountry = "GBR",
            MainCpv = "44110000",
            EstimatedAmount = 750000000m,
            EstimatedCurrency = "EUR",
            LotCount = 0,
            Links = [("https://www.fusion21.co.uk/", "buyer")],
        },
        // A notice as published on TED: it has its OJ S publication id.
        ["ted-00000372-2025_can_est_sdk-1.9.xml"] = new()
        {
            Format = Eforms,
            NoticeId = "22fcd6a4-5024-4dd4-80cd-77a6f4e37b27",
            NoticeVersion = "01",
            NoticeSubtype = "29",
            PublicationId = "00000372-2025",
            Language = "EST",
            Title = "Lootemonitor",
            DescriptionStart = "Juhtmevaba anduritega lootemonitor ja hooldusteenus",
            BuyerName = "Sihtasutus Viljandi Haigla",
            BuyerCountry = "EST",
            MainCpv = "33195000",
            ProcedureType = "open",
            LotCount = 1,
            FirstLot = new("LOT-0000", "Lootemonitor", "33195000"),
            Links = [("http://www.vmh.ee", "buyer")],
        },
    };

    public static TheoryData<string> Files => new(Expectations.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_CorpusFile_MatchesHandCheckedFields(string file)
    {
        using var content = CorpusFiles.Open(CorpusFiles.EformsFolder, file);

        var result = new NoticeParser().Parse(content);

        NoticeAssert.Matches(Expectations[file], result);
    }

    [Fact]
    public void Parse_CorpusFolder_EveryFileHasHandCheckedFields()
    {
        Assert.Equal(Expectations.Keys.Order(StringComparer.Ordinal), CorpusFiles.Names(CorpusFiles.EformsFolder));
    }
}
