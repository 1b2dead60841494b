using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Serverless.Links.Reports;

namespace Serverless.Links.Tests.Reports;

public sealed class HtmlReportWriterTests
{
    private const string Rel = "noopener noreferrer nofollow";

    private readonly HtmlReportWriter _writer = new();

    [Fact]
    public void FormatAndContentType_AreHtmlInUtf8()
    {
        Assert.Equal("html", _writer.Format);
        Assert.Equal("text/html; charset=utf-8", _writer.ContentType);
    }

    [Fact]
    public async Task WriteAsync_SampleReport_IsWellFormedHtml5WithLanguageAndViewport()
    {
        var text = await WriteAsync();

        // Strict mode turns every HTML5 parse error into an exception.
        var page = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(text);

        Assert.StartsWith("<!DOCTYPE html>\n", text);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("utf-8", page.QuerySelector("meta[charset]")!.GetAttribute("charset"));
        Assert.Equal("width=device-width, initial-scale=1", page.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
        Assert.Equal("Link report: blog.wordpress.2024-05-01.xml", page.Title);
    }

    [Fact]
    public async Task WriteAsync_SampleReport_IsSelfContained()
    {
        var page = await ParseAsync();

        Assert.Empty(page.QuerySelectorAll("script, link, img, iframe, object, embed, [src], [style], [onclick], [onload]"));
        Assert.Single(page.QuerySelectorAll("style"));
        Assert.DoesNotContain("url(", page.QuerySelector("style")!.TextContent);
        Assert.DoesNotContain("@import", page.QuerySelector("style")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_ScriptInTitle_IsEscapedAndShownAsText()
    {
        var text = await WriteAsync();
        var page = new HtmlParser().ParseDocument(text);

        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; world", text);
        Assert.Equal("Hello <script>alert(1)</script> world", page.QuerySelector("#doc-0 h2")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_SampleReport_HeaderNamesSourceAndDate()
    {
        var page = await ParseAsync();
        var header = page.QuerySelector("header")!;

        Assert.Equal("blog.wordpress.2024-05-01.xml", header.QuerySelector(".source")!.TextContent);
        var time = header.QuerySelector("time")!;
        Assert.Equal("2024-05-01T10:05:30Z", time.GetAttribute("datetime"));
        Assert.Equal("2024-05-01 10:05 UTC", time.TextContent);
        Assert.Contains("WordPress export", header.TextContent);
    }

    [Fact]
    public async Task WriteAsync_SampleReport_SummaryCountsProblemsFirst()
    {
        var page = await ParseAsync();

        Assert.Equal(
            ["2 Broken", "1 Server error", "1 Timed out", "1 TLS error", "1 Blocked", "1 Rate limited", "1 Skipped",
             "1 Redirected", "1 OK"],
            page.QuerySelectorAll(".summary .counts li").Select(li => li.TextContent));
        Assert.Equal(
            "3 documents · 13 links · 10 URLs checked · 1 dead · 2 archived · 3 links not checked",
            page.QuerySelector(".summary p")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_SampleReport_ListsDocumentsWithLinksAndCountsTheOthers()
    {
        var page = await ParseAsync();

        Assert.Equal(["doc-0", "doc-1"], page.QuerySelectorAll("article").Select(a => a.Id));
        Assert.Equal(["Hello <script>alert(1)</script> world", "=cmd|' /C calc'!A0"], page.QuerySelectorAll("article h2").Select(h => h.TextContent));
        Assert.Equal("1 document without links is not listed.", page.QuerySelector(".nolinks")!.TextContent);
        Assert.DoesNotContain("crème", page.Body!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_WordPressPost_ShowsTypeStatusIdAndPermalink()
    {
        var page = await ParseAsync();
        var meta = page.QuerySelector("#doc-1 .meta")!;

        Assert.Equal("page · draft · ID 102 · 7 links · https://blog.example/?page_id=102", meta.TextContent);
        Assert.Equal("https://blog.example/?page_id=102", meta.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task WriteAsync_LinksOfADocument_AreGroupedByStatusProblemsFirstThenNotChecked()
    {
        var page = await ParseAsync();

        Assert.Equal(
            ["Broken (2)", "Redirected (1)", "OK (1)", "Not checked (2)"],
            page.QuerySelectorAll("#doc-0 h3").Select(h => h.TextContent));
        Assert.Equal(
            ["Server error (1)", "Timed out (1)", "TLS error (1)", "Blocked (1)", "Rate limited (1)", "Skipped (1)", "Not checked (1)"],
            page.QuerySelectorAll("#doc-1 h3").Select(h => h.TextContent));
        // Within a group, document order.
        Assert.Equal(
            ["https://gone.example/old-page", "https://flaky.example/x"],
            page.QuerySelectorAll("#doc-0 .s-broken a.url").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task WriteAsync_DeadLinkWithArchivedCopy_ShowsProminentArchiveLink()
    {
        var page = await ParseAsync();
        var item = page.QuerySelectorAll("#doc-0 .s-broken li")[0];

        Assert.Equal("dead", item.QuerySelector(".dead")!.TextContent);
        var archive = item.QuerySelector("a.archive")!;
        Assert.Equal("https://web.archive.org/web/20230101000000/https://gone.example/old-page", archive.GetAttribute("href"));
        Assert.Equal(Rel, archive.GetAttribute("rel"));
        Assert.Equal("Archived copy", archive.TextContent);
        Assert.Equal("He said \"hi\", then\nleft", item.QuerySelector(".ctx")!.TextContent);
        Assert.Equal("HTTP 404 · failed 3 checks in a row · a, line 3", item.QuerySelector(".facts")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_CheckedLinks_ShowStatusCodeDetailFailuresAndPlace()
    {
        var page = await ParseAsync();

        Assert.Equal(
            "HTTP 503 · HTTP 503 after 2 retries · failed 2 checks in a row · a, line 2",
            page.QuerySelector("#doc-1 .s-server-error .facts")!.TextContent);
        Assert.Equal("no answer in 20 s · a, line 3", page.QuerySelector("#doc-1 .s-timeout .facts")!.TextContent);
        // "HTTP 429" as detail repeats the code and is shown once.
        Assert.Equal("HTTP 429 · a, line 6", page.QuerySelector("#doc-1 .s-rate-limited .facts")!.TextContent);
        Assert.Equal("Réponse de l’API", page.QuerySelector("#doc-1 .s-server-error .ctx")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_BrokenLinkNotYetDead_StillShowsArchivedCopyWithoutDeadBadge()
    {
        var page = await ParseAsync();
        var item = page.QuerySelectorAll("#doc-0 .s-broken li")[1];

        Assert.Null(item.QuerySelector(".dead"));
        Assert.Equal("https://web.archive.org/web/20220601000000/https://flaky.example/x", item.QuerySelector("a.archive")!.GetAttribute("href"));
    }

    [Fact]
    public async Task WriteAsync_RedirectChain_ShowsFinalUrlAndHopCount()
    {
        var page = await ParseAsync();
        var final = page.QuerySelector("#doc-0 .s-redirected .final")!;

        Assert.Equal("Ends at https://moved.example/b after 2 redirects", final.TextContent);
        Assert.Equal("https://moved.example/b", final.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task WriteAsync_JavaScriptLink_IsShownAsTextNeverAsHref()
    {
        var page = await ParseAsync();
        var item = page.QuerySelectorAll("#doc-0 .s-not-checked li")[0];

        Assert.Equal("javascript:alert(document.cookie)", item.QuerySelector("code")!.TextContent);
        Assert.Empty(item.QuerySelectorAll("a"));
        Assert.Equal("scheme javascript · a, line 8", item.QuerySelector(".facts")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_EveryAnchor_IsHttpWithNoFollowRel()
    {
        var page = await ParseAsync();
        var anchors = page.QuerySelectorAll("a");

        // 13 links: 11 with an http(s) URL (the javascript: and mailto: ones have none), one final URL, two archived
        // copies, two permalinks and the report's base URL.
        Assert.Equal(11 + 1 + 2 + 2 + 1, anchors.Length);
        Assert.All(anchors, a =>
        {
            Assert.Matches("^https?://", a.GetAttribute("href"));
            Assert.Equal(Rel, a.GetAttribute("rel"));
        });
    }

    [Fact]
    public async Task WriteAsync_UnsafeUrlsFromTheNetwork_AreNotLinked()
    {
        var summary = SampleReport.Summary with { BaseUrl = "javascript:alert(2)" };
        var document = new ReportDocument(0, new Serverless.Links.Extraction.LinkSource { Title = "t", BaseUrl = " javascript:alert(3)" },
        [
            new ReportLink(
                new Serverless.Links.Extraction.ExtractedLink { Raw = "x", Url = "data:text/html,<b>x</b>", Kind = Serverless.Links.Extraction.LinkKind.Outbound, Element = "a" },
                new LinkVerdict
                {
                    Status = Serverless.Links.Checking.LinkStatus.Broken, Dead = true, ArchiveUrl = "javascript:alert(4)",
                    FinalUrl = "vbscript:x", Redirects = [new Serverless.Links.Checking.RedirectHop("https://a.example/", 301, "vbscript:x")],
                }),
        ]);

        var text = Encoding.UTF8.GetString(await SampleReport.WriteAsync(_writer, summary, [document]));
        var page = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(text);

        Assert.Empty(page.QuerySelectorAll("a"));
        Assert.DoesNotContain("<b>x</b>", text);
        Assert.Equal("x", page.QuerySelector("#doc-0 code")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_ControlCharactersInTitle_AreReplacedSoThePageStaysValid()
    {
        var document = new ReportDocument(0, new Serverless.Links.Extraction.LinkSource { Title = "Bell\u0007 and\r\nbreak\u0085end\uFFFE" },
            [new ReportLink(new Serverless.Links.Extraction.ExtractedLink { Raw = "x", Kind = Serverless.Links.Extraction.LinkKind.NotChecked, Element = "a" }, null)]);

        var text = Encoding.UTF8.GetString(await SampleReport.WriteAsync(_writer, documents: [document]));
        var page = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(text);

        Assert.Equal("Bell\uFFFD and \nbreak\uFFFDend\uFFFD", page.QuerySelector("#doc-0 h2")!.TextContent);
    }

    [Fact]
    public async Task WriteAsync_NothingChecked_SaysSoAndStaysValid()
    {
        var summary = SampleReport.Summary with { ByStatus = new Dictionary<Serverless.Links.Checking.LinkStatus, int>(), FinishedAt = null };

        var text = Encoding.UTF8.GetString(await SampleReport.WriteAsync(_writer, summary, []));
        var page = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(text);

        Assert.Empty(page.QuerySelectorAll("article, .counts"));
        Assert.Equal("No URL was checked.", page.QuerySelectorAll(".summary p")[1].TextContent);
        Assert.Equal("2024-05-01T10:00:00Z", page.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.EndsWith("</html>\n", text);
    }

    private async Task<string> WriteAsync() => Encoding.UTF8.GetString(await SampleReport.WriteAsync(_writer));

    private async Task<IDocument> ParseAsync() =>
        new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(await WriteAsync());
}
