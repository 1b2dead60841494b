using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Support;
using Serverless.Links.Checking;
using Serverless.Links.Reports;
using Serverless.Testing;
using Serverless.Testing.Web;

namespace Serverless.Functions.Tests.Links;

/// <summary>Link reports through the real host on small documents: every kind of source, bad input, and re-checks.</summary>
public sealed class LinkReportApiTests : IAsyncLifetime
{
    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_MarkdownWithBase_ChecksResolvedLinksAndListsTheRest()
    {
        var site = $"docs-{Guid.NewGuid():N}.example";
        var markdown = $"""
            # Guide

            See [the spec](https://{site}/spec) and [the old page](/old-page "relative"), or write to
            <mailto:team@example.org>. Bare link: https://{site}/bare.
            """;

        var id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitTextAsync(_host.Client, markdown,
            $"?kind=markdown&base={Uri.EscapeDataString($"https://{site}/guide/")}&filename=guide.md"));
        var summary = await LinkReportClient.WaitAsync(_host.Client, id, TimeSpan.FromMinutes(2));
        var links = await LinksOfAsync(id);

        Assert.Equal("done", summary.GetProperty("state").GetString());
        Assert.Equal("markdown", summary.GetProperty("source").GetProperty("documentKind").GetString());
        // Four links as written: the spec, the relative page, the mailto autolink, the bare URL (without its full stop).
        Assert.Equal(4, summary.GetProperty("counts").GetProperty("links").GetInt32());
        Assert.Equal(["https://" + site + "/spec", "https://" + site + "/old-page", null, "https://" + site + "/bare"],
            links.Select(l => l.TryGetProperty("url", out var u) ? u.GetString() : null));
        Assert.Equal("not-checked", links[2].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, links[2].GetProperty("check").ValueKind);
        // The site's own links are internal: listed, not checked.
        Assert.All(new[] { links[0], links[1], links[3] }, l => Assert.Equal("internal", l.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Post_HtmlPage_OutboundLinksCheckedAsTheSimulatedWebAnswers()
    {
        var html = """
            <!DOCTYPE html><html><head><base href="https://www.example-publisher.test/news/"></head><body>
            <a href="https://www.w3.org/TR/html52/">HTML 5.2</a>
            <a href="http://wiki.creativecommons.org/CcREL">ccREL</a>
            <a href="story.html">a story here</a>
            </body></html>
            """;

        var id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitTextAsync(_host.Client, html, "?filename=page.html", "text/html"));
        var summary = await LinkReportClient.WaitAsync(_host.Client, id, TimeSpan.FromMinutes(2));
        var links = await LinksOfAsync(id);

        // Without ?base= the report does not know the publisher's site, so its own story link is checked too.
        Assert.Equal(3, summary.GetProperty("counts").GetProperty("urls").GetInt32());
        Assert.Equal("https://www.example-publisher.test/news/story.html", links[2].GetProperty("url").GetString());
        foreach (var link in links)
        {
            var url = link.GetProperty("url").GetString()!;
            Assert.Equal(ExpectedStatuses.Of(SimulatedInternet.FateOf(new Uri(url))), link.GetProperty("check").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Post_PageUrl_FetchesThePageAndScansItsLinks()
    {
        var (web, _) = await SimulatedWorld.GetAsync();
        var host = $"pages-{Guid.NewGuid():N}.example";
        web.Host(host).Path("/index.html").Respond(Reply.Ok("""
            <!DOCTYPE html><html><body><a href="/about">About</a> <a href="https://www.w3.org/">W3C</a></body></html>
            """));

        var response = await _host.Client.PostAsync("/api/link-reports", Json(new { url = $"http://{host}/index.html" }));
        var id = await LinkReportClient.AcceptedIdAsync(response);
        var summary = await LinkReportClient.WaitAsync(_host.Client, id, TimeSpan.FromMinutes(2));
        var links = await LinksOfAsync(id);

        Assert.Equal("url", summary.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal($"http://{host}/index.html", summary.GetProperty("source").GetProperty("baseUrl").GetString());
        Assert.Equal([$"http://{host}/about", "https://www.w3.org/"], links.Select(l => l.GetProperty("url").GetString()));
        Assert.Equal(["internal", "outbound"], links.Select(l => l.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Report_DeadLinkKnownWithAnotherArchiveBase_LookedUpAgainInTheCurrentArchive()
    {
        var (_, wayback) = await SimulatedWorld.GetAsync();
        var site = $"moved-archive-{Guid.NewGuid():N}";
        var url = Enumerable.Range(0, 2000).Select(i => $"http://{site}-{i % 50}.example/p{i}")
            .First(u => SimulatedInternet.FateOf(new Uri(u)) == SimulatedFate.NotFound && SimulatedInternet.ArchiveFateOf(u) == ArchiveFate.Available);
        SimulatedInternet.Install(wayback, [url]);
        await _host.ScalarAsync(
            "INSERT INTO links (url, first_seen, consecutive_failures, dead, archive_url) VALUES (@url, now(), 3, true, @old) RETURNING 1",
            ("url", url), ("old", "http://old-archive.example/web/2010/" + url));

        var id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitTextAsync(_host.Client, url, "?kind=text"));
        await LinkReportClient.WaitAsync(_host.Client, id, TimeSpan.FromMinutes(1));
        var link = Assert.Single(await LinksOfAsync(id));

        var expected = SimulatedInternet.ExpectedArchiveUrl(wayback, url);
        Assert.Equal(expected, link.GetProperty("check").GetProperty("archiveUrl").GetString());
        Assert.Equal(1, await _host.ScalarAsync("SELECT count(*) FROM links WHERE url = @url AND archive_url = @expected", ("url", url), ("expected", expected)));
    }

    [Fact]
    public async Task Post_NulCharactersInTheDocumentAndItsName_ReportDoneWithReplacementCharacters()
    {
        var text = "see https://example.com/n\u0000ul and more\n";

        var id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitTextAsync(_host.Client, text, "?kind=text&filename=a%00b.txt"));
        var summary = await LinkReportClient.WaitAsync(_host.Client, id, TimeSpan.FromMinutes(1));

        Assert.Equal("done", summary.GetProperty("state").GetString());
        Assert.Equal("a\uFFFDb.txt", summary.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal(1, summary.GetProperty("counts").GetProperty("links").GetInt32());
    }

    [Fact]
    public async Task Post_WordPressExportWithADtdWithoutKind_422SaysDtdsAreRefused()
    {
        var export = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&b;</title></item></channel></rss>
            """;

        using var response = await LinkReportClient.SubmitTextAsync(_host.Client, export, "?filename=export.xml", "application/xml");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("DTD", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_JsonOfTheWrongShape_400WithoutInternalNames()
    {
        using var response = await _host.Client.PostAsync("/api/link-reports", new StringContent("""{"tenderId": "not-a-guid"}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.tenderId", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Serverless.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_DocumentWithoutLinks_EmptyReportNotAnError()
    {
        var id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitTextAsync(_host.Client, "Nothing to see here.", "?kind=text"));
        var summary = await LinkReportClient.WaitAsync(_host.Client, id, TimeSpan.FromMinutes(1));
        using var csv = await _host.Client.GetAsync($"/api/link-reports/{id}/report.csv");

        Assert.Equal("done", summary.GetProperty("state").GetString());
        Assert.Equal(0, summary.GetProperty("counts").GetProperty("links").GetInt32());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }

    [Theory]
    [InlineData("""{"url": "http://169.254.169.254/latest/meta-data/"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"url": "http://10.1.2.3/intranet"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"url": "ftp://example.org/file"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"url": "https://a.example/", "tenderId": "0199a6d0-0000-7000-8000-000000000000"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"tenderId": "0199a6d0-0000-7000-8000-000000000000"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"url": """, HttpStatusCode.BadRequest)]
    [InlineData("""[]""", HttpStatusCode.BadRequest)]
    public async Task Post_BadJsonRequest_ProblemAndNoReport(string body, HttpStatusCode expected)
    {
        var before = await ReportCountAsync();

        using var response = await _host.Client.PostAsync("/api/link-reports", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await ReportCountAsync());
    }

    [Fact]
    public async Task Post_TruncatedWordPressExport_422AndNothingStored()
    {
        var name = $"broken-{Guid.NewGuid():N}.xml";
        var export = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>Cut""";

        using var response = await LinkReportClient.SubmitTextAsync(_host.Client, export, $"?filename={name}", "application/xml");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await _host.ScalarAsync("SELECT count(*) FROM link_reports WHERE source_name = @name", ("name", name)));
    }

    [Fact]
    public async Task Post_WordPressExportWithADtd_Refused()
    {
        var export = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&xxe;</title></item></channel></rss>
            """;

        using var response = await LinkReportClient.SubmitTextAsync(_host.Client, export, "?kind=wxr", "application/xml");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", HttpStatusCode.BadRequest)]
    [InlineData("hello", "?kind=pdf", HttpStatusCode.BadRequest)]
    [InlineData("hello", "?base=javascript:alert(1)", HttpStatusCode.BadRequest)]
    public async Task Post_BadDocumentRequest_Problem(string body, string query, HttpStatusCode expected)
    {
        using var response = await LinkReportClient.SubmitTextAsync(_host.Client, body, query);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_PageOverThePageLimit_413ButAnExportThatSizeIsFine()
    {
        var page = "<!DOCTYPE html><p>" + new string('x', (int)FunctionAppHost.MaxPageBytes) + "</p>";
        var export = File.ReadAllText(Path.Combine(RealServices.Corpus, "links", "wxr", "wp-theme-unit-test-data.xml"));

        using var tooLarge = await LinkReportClient.SubmitTextAsync(_host.Client, page, "?kind=html", "text/html");
        using var wholeExport = await LinkReportClient.SubmitTextAsync(_host.Client, export, "?filename=export-size.xml", "application/xml");
        using var overAll = await LinkReportClient.SubmitTextAsync(_host.Client, new string('y', (int)FunctionAppHost.MaxDocumentBytes + 1), "?kind=text");

        Assert.True(export.Length > FunctionAppHost.MaxPageBytes);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("LinkReports:MaxPageBytes", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, wholeExport.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overAll.StatusCode);
    }

    [Fact]
    public async Task Post_BinaryBody_415()
    {
        using var content = new ByteArrayContent([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A, 0x00, 0xFF, 0xFE, 0x00, 0x01]);
        content.Headers.ContentType = new("application/octet-stream");

        using var response = await _host.Client.PostAsync("/api/link-reports?filename=scan.bin", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownReportOrUnfinishedFile_Problem()
    {
        using var unknown = await _host.Client.GetAsync($"/api/link-reports/{Guid.NewGuid()}");
        using var badStatus = await _host.Client.GetAsync($"/api/link-reports/{Guid.NewGuid()}/links?status=dead-ish");
        using var noKey = await new HttpClient { BaseAddress = _host.Address }.GetAsync($"/api/link-reports/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task Recheck_DueLink_TimerStepQueuesItAndHistoryAdvances()
    {
        var url = await BrokenUrlCheckedOnceAsync();
        await _host.ScalarAsync("UPDATE links SET next_check_at = now() - interval '1 minute' WHERE url = @url RETURNING 1", ("url", url));
        var checkedBefore = await _host.ScalarAsync("SELECT (extract(epoch FROM last_checked) * 1000)::bigint FROM links WHERE url = @url", ("url", url));

        var scheduled = await _host.Services.GetRequiredService<LinkReportService>().ScheduleRechecksAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await _host.ScalarAsync("SELECT (extract(epoch FROM last_checked) * 1000)::bigint FROM links WHERE url = @url", ("url", url)) == checkedBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "the due link was not re-checked");
            await Task.Delay(100);
        }

        Assert.True(scheduled >= 1);
        // One strike makes a link dead in these tests; the second failure counts too (no spacing).
        Assert.Equal(2, await _host.ScalarAsync("SELECT consecutive_failures FROM links WHERE url = @url", ("url", url)));
        Assert.Equal(1, await _host.ScalarAsync("SELECT count(*) FROM links WHERE url = @url AND next_check_at > now() + interval '12 hours'", ("url", url)));
    }

    private async Task<string> BrokenUrlCheckedOnceAsync()
    {
        // A URL the simulated web answers 404 or 410: look for one by its fate, on a fresh host.
        var site = $"recheck-{Guid.NewGuid():N}";
        var url = Enumerable.Range(0, 2000).Select(i => $"https://{site}-{i % 50}.example/p{i}")
            .First(u => SimulatedInternet.FateOf(new Uri(u)) is SimulatedFate.NotFound or SimulatedFate.Gone);
        var id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitTextAsync(_host.Client, url, "?kind=text"));
        await LinkReportClient.WaitAsync(_host.Client, id, TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _host.ScalarAsync("SELECT consecutive_failures FROM links WHERE url = @url", ("url", url)));
        return url;
    }

    private async Task<List<JsonElement>> LinksOfAsync(Guid id)
    {
        var json = await _host.Client.GetStringAsync($"/api/link-reports/{id}/report.json");
        return JsonDocument.Parse(json).RootElement.GetProperty("documents").EnumerateArray()
            .SelectMany(d => d.GetProperty("links").EnumerateArray()).Select(l => l.Clone()).ToList();
    }

    private Task<long> ReportCountAsync() => _host.ScalarAsync("SELECT count(*) FROM link_reports");

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
