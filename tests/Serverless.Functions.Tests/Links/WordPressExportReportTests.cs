using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using Serverless.Functions.Tests.Support;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Links;

/// <summary>
/// The CC Labs WordPress export (219 posts, 5 pages, about 1,200 links to 362 hosts) through the whole pipeline: the real
/// host, PostgreSQL, Ceph RGW, the link checker against the simulated web and the archive step against the simulated
/// Wayback Machine. Every checked link's final status is compared with the behaviour the simulated web gives its URL.
/// </summary>
public sealed class WordPressExportReportTests(WordPressExportReportFixture fixture) : IClassFixture<WordPressExportReportFixture>
{
    private readonly FunctionAppHost _host = fixture.Host;
    private readonly Guid _id = fixture.Id;
    private readonly JsonElement _summary = fixture.Summary;
    private readonly JsonElement _report = fixture.Report;

    [Fact]
    public void Summary_Export_DoneWithEveryPostAndPage()
    {
        Assert.Equal("done", _summary.GetProperty("state").GetString());
        // grep -c "<item>" cclabs_wordpress-export_2014.xml: 224 (219 posts and 5 pages by wp:post_type).
        Assert.Equal(224, _summary.GetProperty("counts").GetProperty("documents").GetInt32());
        Assert.Equal("wxr", _summary.GetProperty("source").GetProperty("documentKind").GetString());
        Assert.Equal("cclabs_wordpress-export_2014.xml", _summary.GetProperty("source").GetProperty("name").GetString());
        var progress = _summary.GetProperty("progress");
        Assert.Equal(progress.GetProperty("urls").GetInt32(), progress.GetProperty("checked").GetInt32());
    }

    [Fact]
    public void Report_EveryCheckedLink_HasTheStatusTheSimulatedWebGaveIt()
    {
        var mismatches = new List<string>();
        var checkedLinks = 0;
        foreach (var link in Links())
        {
            if (link.GetProperty("kind").GetString() != "outbound")
            {
                Assert.Equal(JsonValueKind.Null, link.GetProperty("check").ValueKind);
                continue;
            }

            checkedLinks++;
            var url = link.GetProperty("url").GetString()!;
            var expected = ExpectedStatuses.Of(SimulatedInternet.FateOf(new Uri(url)));
            var actual = link.GetProperty("check").GetProperty("status").GetString();
            if (actual != expected)
            {
                mismatches.Add($"{url}: expected {expected}, got {actual} ({link.GetProperty("check").GetProperty("detail")})");
            }
        }

        Assert.Empty(mismatches);
        Assert.True(checkedLinks > 1000, $"only {checkedLinks} outbound links");
    }

    [Fact]
    public async Task Report_FailedLinks_AreDeadWithTheArchiveCopyTheSimulatorHolds()
    {
        var (_, wayback) = await SimulatedWorld.GetAsync();
        var failed = Links().Where(l => l.GetProperty("kind").GetString() == "outbound"
            && l.GetProperty("check").GetProperty("status").GetString() is "broken" or "server-error").ToList();
        var wrong = failed
            .Where(l => !l.GetProperty("check").GetProperty("dead").GetBoolean()
                || l.GetProperty("check").GetProperty("archiveUrl").GetString() != SimulatedInternet.ExpectedArchiveUrl(wayback, l.GetProperty("url").GetString()!))
            .Select(l => $"{l.GetProperty("url")}: dead {l.GetProperty("check").GetProperty("dead")}, archive {(l.GetProperty("check").TryGetProperty("archiveUrl", out var a) ? a.GetString() : "none")}, expected {SimulatedInternet.ExpectedArchiveUrl(wayback, l.GetProperty("url").GetString()!)}")
            .ToList();

        Assert.True(failed.Count > 100, $"only {failed.Count} failed links");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {failed.Count} failed links without the expected archive copy, e.g. {string.Join("; ", wrong.Take(3))}");
        // Each URL with no copy was submitted to Save Page Now once, however many posts link to it.
        Assert.Equal(wayback.SaveRequests.Count, wayback.SaveRequests.Distinct().Count());
        Assert.Contains(failed, l => SimulatedInternet.ArchiveFateOf(l.GetProperty("url").GetString()!) == ArchiveFate.SavedOnRequest);
        Assert.Contains(failed, l => SimulatedInternet.ArchiveFateOf(l.GetProperty("url").GetString()!) == ArchiveFate.CdxOnly);
    }

    [Fact]
    public void Report_Redirects_RecordTheChainAndTheFinalUrl()
    {
        var redirected = Links().Where(l => l.GetProperty("check") is { ValueKind: JsonValueKind.Object } c
            && c.GetProperty("status").GetString() == "redirected").ToList();

        Assert.NotEmpty(redirected);
        Assert.All(redirected, l =>
        {
            var url = new Uri(l.GetProperty("url").GetString()!);
            var check = l.GetProperty("check");
            var hop = Assert.Single(check.GetProperty("redirects").EnumerateArray());
            var permanent = SimulatedInternet.FateOf(url) == SimulatedFate.MovedPermanently;
            Assert.Equal(permanent ? 301 : 302, hop.GetProperty("statusCode").GetInt32());
            Assert.Equal(permanent, hop.GetProperty("permanent").GetBoolean());
            Assert.StartsWith($"{url.Scheme}://{url.IdnHost}{SimulatedInternet.MovedPrefix}/", check.GetProperty("finalUrl").GetString());
        });
    }

    [Fact]
    public void Report_Posts_KeepTheirIdTitleTypeAndStatus()
    {
        var documents = _report.GetProperty("documents").EnumerateArray().ToList();

        // From the export by hand: the item with <wp:post_id>5</wp:post_id> is the post "The CC Tech Blog", published.
        var first = documents.Single(d => d.GetProperty("postId").GetString() == "5");
        Assert.Equal("The CC Tech Blog", first.GetProperty("title").GetString());
        Assert.Equal("post", first.GetProperty("type").GetString());
        Assert.Equal("publish", first.GetProperty("status").GetString());
        Assert.Contains(first.GetProperty("links").EnumerateArray(), l => l.GetProperty("url").GetString() == "http://creativecommons.org/");
        Assert.Equal(5, documents.Count(d => d.GetProperty("type").GetString() == "page"));
    }

    [Fact]
    public async Task ReportFiles_CsvAndHtml_DownloadableAndConsistent()
    {
        var deadLink = Links().First(l => l.GetProperty("check") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("dead").GetBoolean());
        var archive = deadLink.GetProperty("check").GetProperty("archiveUrl").GetString()!;

        using var csv = await _host.Client.GetAsync($"/api/link-reports/{_id}/report.csv");
        using var html = await _host.Client.GetAsync($"/api/link-reports/{_id}/report.html");
        var csvText = await csv.Content.ReadAsStringAsync();
        var htmlText = await html.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains(archive, csvText, StringComparison.Ordinal);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(archive)}\"", htmlText, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_DeadLink_InPostgresWithItsArchiveCopy()
    {
        var dead = Links().First(l => l.GetProperty("check") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("status").GetString() == "broken");
        var url = dead.GetProperty("url").GetString()!;

        await using var connection = new NpgsqlConnection(RealServices.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT dead, consecutive_failures, last_status, archive_url, next_check_at > now() FROM links WHERE url = @url", connection);
        command.Parameters.AddWithValue("url", url);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.True(reader.GetInt32(1) >= 1);
        Assert.Equal("broken", reader.GetString(2));
        Assert.Equal(dead.GetProperty("check").GetProperty("archiveUrl").GetString(), reader.GetString(3));
        Assert.True(reader.GetBoolean(4));
    }

    [Fact]
    public async Task Go_DeadAndLiveLinks_SendReadersToTheArchiveOrThePage()
    {
        var dead = Links().First(l => l.GetProperty("check") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("dead").GetBoolean());
        var live = Links().First(l => l.GetProperty("check") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("status").GetString() == "ok");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Address };

        using var toArchive = await anonymous.GetAsync("/api/go?url=" + Uri.EscapeDataString(dead.GetProperty("url").GetString()!));
        using var toPage = await anonymous.GetAsync("/api/go?url=" + Uri.EscapeDataString(live.GetProperty("url").GetString()!));
        using var unknown = await anonymous.GetAsync("/api/go?url=" + Uri.EscapeDataString("https://never-seen.example/x"));
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/go?url=" + Uri.EscapeDataString(dead.GetProperty("url").GetString()!)));
        // As written in a post: with a fragment and an upper-case host, it is the same link.
        var deadUrl = new Uri(dead.GetProperty("url").GetString()!);
        using var asWritten = await anonymous.GetAsync("/api/go?url=" + Uri.EscapeDataString($"{deadUrl.Scheme}://{deadUrl.Host.ToUpperInvariant()}{deadUrl.PathAndQuery}#section"));

        Assert.Equal(HttpStatusCode.Found, toArchive.StatusCode);
        Assert.Equal(dead.GetProperty("check").GetProperty("archiveUrl").GetString(), toArchive.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Found, toPage.StatusCode);
        Assert.Equal(live.GetProperty("url").GetString(), toPage.Headers.Location?.OriginalString);
        Assert.Equal(300, toPage.Headers.CacheControl?.MaxAge?.TotalSeconds);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        // Link checkers (ours included) ask with HEAD first.
        Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        Assert.Equal(toArchive.Headers.Location, head.Headers.Location);
        Assert.Equal(HttpStatusCode.Found, asWritten.StatusCode);
        Assert.Equal(toArchive.Headers.Location, asWritten.Headers.Location);
    }

    [Fact]
    public async Task Links_StatusFilter_OnlyThatStatus()
    {
        var body = JsonDocument.Parse(await _host.Client.GetStringAsync($"/api/link-reports/{_id}/links?status=blocked&pageSize=500")).RootElement;
        var blockedInReport = Links().Count(l => l.GetProperty("check") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("status").GetString() == "blocked");

        Assert.Equal(blockedInReport, body.GetProperty("total").GetInt32());
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal("blocked", i.GetProperty("status").GetString()));
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal(SimulatedFate.Blocked, SimulatedInternet.FateOf(new Uri(i.GetProperty("url").GetString()!))));
    }

    private IEnumerable<JsonElement> Links() =>
        _report.GetProperty("documents").EnumerateArray().SelectMany(d => d.GetProperty("links").EnumerateArray());
}

/// <summary>Runs the report once for all the tests of <see cref="WordPressExportReportTests"/>.</summary>
public sealed class WordPressExportReportFixture : IAsyncLifetime
{
    public static readonly string Export = Path.Combine(RealServices.Corpus, "links", "wxr", "cclabs_wordpress-export_2014.xml");

    public FunctionAppHost Host { get; private set; } = null!;

    public Guid Id { get; private set; }

    public JsonElement Summary { get; private set; }

    public JsonElement Report { get; private set; }

    public async Task InitializeAsync()
    {
        var (_, wayback) = await SimulatedWorld.GetAsync();
        var urls = OutboundUrlsOfTheExport().ToArray();
        SimulatedInternet.Install(wayback, urls);
        Host = await FunctionAppHost.StartAsync();

        // Start from no history: an earlier run on the same database checked these links, and asked for saves that the
        // save window would now refuse.
        await Host.ScalarAsync("WITH gone AS (DELETE FROM links WHERE url = ANY(@urls) RETURNING 1) SELECT count(*) FROM gone", ("urls", urls));
        await Host.ScalarAsync("WITH gone AS (DELETE FROM wayback_save_requests WHERE url = ANY(@urls) RETURNING 1) SELECT count(*) FROM gone", ("urls", urls));
        Id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitFileAsync(Host.Client, Export));
        Summary = await LinkReportClient.WaitAsync(Host.Client, Id, TimeSpan.FromMinutes(5));
        using var json = await Host.Client.GetAsync($"/api/link-reports/{Id}/report.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Report = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The export's outbound URLs, as the archive simulator must know them before the report runs.</summary>
    private static IEnumerable<string> OutboundUrlsOfTheExport()
    {
        using var file = File.OpenRead(Export);
        return Serverless.Links.Extraction.LinkExtractor
            .Extract(file, Serverless.Links.Extraction.DocumentKind.Wxr, new Serverless.Links.Extraction.ExtractionOptions())
            .SelectMany(d => d.Links).Where(l => l.Url is not null).Select(l => l.Url!).ToList();
    }
}
