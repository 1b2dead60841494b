using System.Text;
using Serverless.Tenders.Parsing;
using Serverless.Tenders.Tests.Corpus;

namespace Serverless.Tenders.Tests.Parsing;

/// <summary>
/// Bad input is data: every file below comes back as a failed <see cref="ParseResult"/> with a
/// problem a person can act on, and no exception leaves the parser.
/// </summary>
public sealed class NoticeParserTests
{
    private const string DtdProblem =
        "DTDs are not allowed: the file declares a DOCTYPE; notices never need one, and refusing it keeps external entities (XXE) and entity expansion out";

    private readonly NoticeParser _parser = new();

    [Fact]
    public void Parse_EmptyStream_FailsAsEmpty()
    {
        var result = _parser.Parse(new MemoryStream());

        Assert.Equal(["empty: the file has no content"], Failure(result));
    }

    [Fact]
    public void Parse_EmptyUnseekableStream_FailsAsEmpty()
    {
        var result = _parser.Parse(new ForwardOnlyStream([]));

        Assert.Equal(["empty: the file has no content"], Failure(result));
    }

    [Fact]
    public void Parse_WhitespaceOnly_FailsWithNoRootElement()
    {
        var result = _parser.Parse(Utf8("  \r\n\t "));

        var problem = Assert.Single(Failure(result));
        Assert.StartsWith("malformed XML at line", problem);
    }

    [Fact]
    public void Parse_TruncatedXml_FailsWithLineAndPosition()
    {
        var result = Parse("truncated-contract-notice.xml");

        var problem = Assert.Single(Failure(result));
        // The file ends on line 8, inside cbc:Name.
        Assert.StartsWith("malformed XML at line 8, position ", problem);
        Assert.Contains("Unexpected end of file", problem);
    }

    [Fact]
    public void Parse_DoctypeWithExternalEntity_FailsWithoutReadingTheFile()
    {
        var result = Parse("xxe-external-entity.xml");

        var problem = Assert.Single(Failure(result));
        Assert.Equal(DtdProblem, problem);
        Assert.DoesNotContain("root:", problem);
    }

    [Fact]
    public void Parse_BillionLaughs_FailsBeforeExpandingAnything()
    {
        var result = Parse("billion-laughs.xml");

        Assert.Equal([DtdProblem], Failure(result));
    }

    [Fact]
    public void Parse_XhtmlWithPublicDoctype_FailsWithoutFetchingTheDtd()
    {
        var result = _parser.Parse(Utf8(
            """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml"><body/></html>
            """));

        Assert.Equal([DtdProblem], Failure(result));
    }

    [Fact]
    public void Parse_HtmlPage_FailsAsNotANotice()
    {
        var result = Parse("not-a-notice.html");

        Assert.Equal(["not a notice: root element <html> is not an eForms or TED notice"], Failure(result));
    }

    [Fact]
    public void Parse_RssFeed_FailsAsNotANotice()
    {
        var result = Parse("rss-feed.xml");

        Assert.Equal(["not a notice: root element <rss> is not an eForms or TED notice"], Failure(result));
    }

    [Fact]
    public void Parse_UblRootInAnotherNamespace_FailsAsNotANotice()
    {
        var result = _parser.Parse(Utf8("""<ContractNotice xmlns="urn:example:not-ubl"><ID>1</ID></ContractNotice>"""));

        Assert.Equal(
            ["not a notice: root element <ContractNotice> in namespace 'urn:example:not-ubl' is not an eForms or TED notice"],
            Failure(result));
    }

    [Fact]
    public void Parse_NonNoticeRoot_IsRefusedBeforeTheRestIsRead()
    {
        // Sniffing stops at the root element: what follows it is never loaded.
        var result = _parser.Parse(Utf8("<html><body><p>never closed"));

        Assert.Equal(["not a notice: root element <html> is not an eForms or TED notice"], Failure(result));
    }

    [Fact]
    public void Parse_UblRootWithoutNoticeId_FailsWithMissingId()
    {
        var result = Parse("ubl-without-notice-id.xml");

        Assert.Equal(
            ["eForms ContractNotice without a notice identifier: cbc:ID[@schemeName='notice-id'] (BT-701) is missing or empty"],
            Failure(result));
    }

    [Fact]
    public void Parse_TedExportWithoutOjsNumber_FailsWithMissingNumber()
    {
        var result = Parse("ted-without-oj-number.xml");

        Assert.Equal(
            ["TED notice without an OJ S number: CODED_DATA_SECTION/NOTICE_DATA/NO_DOC_OJS is missing or empty"],
            Failure(result));
    }

    [Fact]
    public void Parse_GarbageAfterTheNotice_FailsAsMalformed()
    {
        var result = _parser.Parse(Utf8(
            """
            <ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"
                            xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:ID schemeName="notice-id">0a6c5f3e-1d2b-4c8e-9f00-5e2d7c1b9a44</cbc:ID>
            </ContractNotice>
            <ContractNotice/>
            """));

        var problem = Assert.Single(Failure(result));
        Assert.StartsWith("malformed XML at line 5, position ", problem);
    }

    [Fact]
    public void Parse_BinaryContent_FailsAsMalformed()
    {
        var result = _parser.Parse(new MemoryStream([0x1f, 0x8b, 0x08, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x3c]));

        var problem = Assert.Single(Failure(result));
        Assert.StartsWith("malformed XML at line", problem);
    }

    [Fact]
    public void Parse_MinimalNotice_SucceedsWithOnlyTheId()
    {
        var result = _parser.Parse(Utf8(
            """
            <PriorInformationNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2"
                                    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:ID schemeName="notice-id">  0a6c5f3e-1d2b-4c8e-9f00-5e2d7c1b9a44 </cbc:ID>
            </PriorInformationNotice>
            """));

        Assert.True(result.Succeeded);
        var record = result.Record!;
        Assert.Equal("eforms", record.Format);
        Assert.Equal("0a6c5f3e-1d2b-4c8e-9f00-5e2d7c1b9a44", record.NoticeId);
        Assert.Null(record.Title);
        Assert.Null(record.Buyer);
        Assert.Null(record.Deadline);
        Assert.Empty(record.Lots);
        Assert.Empty(record.Links);
    }

    [Theory]
    // French national formats in the corpus: BOAMP notices (root ANNONCE) and DECP contract data (root marches).
    [InlineData("boamp", "boamp-16-138580_mapa-attribution.xml", "not a notice: root element <ANNONCE> is not an eForms or TED notice")]
    [InlineData("boamp", "boamp-16-181902_joue-appel-offre.xml", "not a notice: root element <ANNONCE> is not an eForms or TED notice")]
    [InlineData("decp", "decp-v1_paquet-exemple.xml", "not a notice: root element <marches> is not an eForms or TED notice")]
    [InlineData("decp", "decp-v2_Marche-exemple.xml", "not a notice: root element <marches> is not an eForms or TED notice")]
    // JSON is no XML at all: its first character is '{'.
    [InlineData("decp", "decp-v2_marches_concessions-exemple.json", "malformed XML at line 1, position 1: Data at the root level is invalid.")]
    [InlineData("ocds", "nsw_ocds-43qwtd-rft_release-package.json", "malformed XML at line 1, position 1: Data at the root level is invalid.")]
    public void Parse_OtherCorpusFormat_FailsWithAProblem(string folder, string file, string expected)
    {
        using var content = CorpusFiles.Open(CorpusFiles.Folder(folder), file);

        var result = _parser.Parse(content);

        Assert.Equal([expected], Failure(result));
    }

    [Fact]
    public void Parse_Stream_IsLeftOpenForTheCaller()
    {
        var content = Utf8("<rss/>");

        _parser.Parse(content);

        Assert.True(content.CanRead);
    }

    private ParseResult Parse(string fixture)
    {
        using var content = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        return _parser.Parse(content);
    }

    private static IReadOnlyList<string> Failure(ParseResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Record);
        return result.Problems;
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A request body: readable once, no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
