using System.Text;
using Serverless.Links.Extraction;
using Serverless.Links.Reports;

namespace Serverless.Links.Tests.Reports;

public sealed class CsvReportWriterTests
{
    private const string Header =
        "postId,title,type,url,raw,context,kind,element,line,status,httpStatus,finalUrl,dead,consecutiveFailures,archiveUrl,detail";

    private readonly CsvReportWriter _writer = new();

    [Fact]
    public void FormatAndContentType_AreCsvInUtf8()
    {
        Assert.Equal("csv", _writer.Format);
        Assert.Equal("text/csv; charset=utf-8", _writer.ContentType);
    }

    [Fact]
    public async Task WriteAsync_SampleReport_StartsWithByteOrderMarkThenHeader()
    {
        var bytes = await SampleReport.WriteAsync(_writer);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith(Header + "\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public async Task WriteAsync_SampleReport_WritesOneRowPerLinkInDocumentOrder()
    {
        var rows = await ReadAsync();

        // Header, 6 links of post 101, 7 of page 102; post 103 has none.
        Assert.Equal(14, rows.Count);
        Assert.All(rows, row => Assert.Equal(16, row.Count));
        Assert.Equal(
            ["https://gone.example/old-page", "http://moved.example/a", "https://ok.example/", "", "https://blog.example/about/",
             "https://flaky.example/x", "https://api.example/v1", "https://slow.example/", "https://expired.example/",
             "https://www.linkedin.com/in/someone", "https://busy.example/", "http://10.0.0.1/admin", ""],
            rows.Skip(1).Select(r => r[3]));
        Assert.Equal(
            ["broken", "redirected", "ok", "", "", "broken", "server-error", "timeout", "tls-error", "blocked", "rate-limited",
             "skipped", ""],
            rows.Skip(1).Select(r => r[9]));
    }

    [Fact]
    public async Task WriteAsync_DeadLinkWithHostileAnchorText_RoundTripsEveryField()
    {
        var rows = await ReadAsync();

        Assert.Equal(
            ["101", "Hello <script>alert(1)</script> world", "post", "https://gone.example/old-page",
             "https://gone.example/old-page#intro", "He said \"hi\", then\nleft", "outbound", "a", "3", "broken", "404", "",
             "true", "3", "https://web.archive.org/web/20230101000000/https://gone.example/old-page", "HTTP 404"],
            rows[1]);
    }

    [Fact]
    public async Task WriteAsync_FieldWithQuotesCommaAndNewline_IsQuotedWithQuotesDoubled()
    {
        var text = Encoding.UTF8.GetString(await SampleReport.WriteAsync(_writer));

        Assert.Contains(",\"He said \"\"hi\"\", then\nleft\",", text);
        // The newline inside the field is kept as written; only record ends are CRLF.
        Assert.DoesNotContain("then\r\nleft", text);
    }

    [Fact]
    public async Task WriteAsync_RedirectedLink_WritesFinalUrlAndNotDead()
    {
        var rows = await ReadAsync();

        Assert.Equal(
            ["101", "Hello <script>alert(1)</script> world", "post", "http://moved.example/a", "http://moved.example/a",
             "moved, twice", "outbound", "a", "5", "redirected", "200", "https://moved.example/b", "false", "0", "", ""],
            rows[2]);
    }

    [Fact]
    public async Task WriteAsync_NotCheckedLink_LeavesCheckColumnsEmptyAndGivesTheReason()
    {
        var rows = await ReadAsync();

        Assert.Equal(
            ["101", "Hello <script>alert(1)</script> world", "post", "", "javascript:alert(document.cookie)", "click me",
             "not-checked", "a", "8", "", "", "", "", "", "", "scheme javascript"],
            rows[4]);
        Assert.Equal(["internal", "", "", ""], new[] { rows[5][6], rows[5][9], rows[5][12], rows[5][15] });
    }

    [Fact]
    public async Task WriteAsync_FormulaTitleAndAnchorTexts_GetALeadingApostrophe()
    {
        var rows = await ReadAsync();

        Assert.Equal("'=cmd|' /C calc'!A0", rows[7][1]);
        Assert.Equal("'-me on LinkedIn", rows[10][5]);
        Assert.Equal("'+1 for this", rows[11][5]);
        Assert.Equal("'@admin", rows[12][5]);
        // Only the first character counts: text with a formula sign inside is left alone.
        Assert.Equal("HTTP 503 after 2 retries", rows[7][15]);
        Assert.Equal("Réponse de l’API", rows[7][5]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rCR", "\"'\rCR\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData(" =1", " =1")]
    public async Task WriteAsync_TitleStartingWithFormulaSign_IsGuardedInsideTheQuoting(string title, string expectedField)
    {
        var document = new ReportDocument(0, new LinkSource { Title = title },
            [new ReportLink(new ExtractedLink { Raw = "x", Kind = LinkKind.NotChecked, Element = "a" }, null)]);

        var text = Encoding.UTF8.GetString(await SampleReport.WriteAsync(_writer, documents: [document]))[1..];

        Assert.Equal(Header + "\r\n," + expectedField + ",,,x,,not-checked,a,,,,,,,,\r\n", text);
    }

    [Fact]
    public async Task WriteAsync_NoDocuments_WritesOnlyTheHeader()
    {
        var bytes = await SampleReport.WriteAsync(_writer, documents: []);

        Assert.Equal("\uFEFF" + Header + "\r\n", Encoding.UTF8.GetString(bytes));
    }

    private async Task<List<List<string>>> ReadAsync()
    {
        var bytes = await SampleReport.WriteAsync(_writer);
        return Rfc4180Reader.Read(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }
}
