using System.Text;
using System.Text.Json;
using Serverless.Links.Reports;

namespace Serverless.Links.Tests.Reports;

public sealed class JsonReportWriterTests
{
    private readonly JsonReportWriter _writer = new();

    [Fact]
    public void FormatAndContentType_AreJson()
    {
        Assert.Equal("json", _writer.Format);
        Assert.Equal("application/json", _writer.ContentType);
    }

    [Fact]
    public async Task WriteAsync_SampleReport_WritesTheHeadAndSource()
    {
        using var json = await ParseAsync();
        var root = json.RootElement;

        Assert.Equal("3f2504e0-4f89-41d3-9a0c-0305e82c3301", root.GetProperty("id").GetString());
        Assert.Equal("done", root.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        var source = root.GetProperty("source");
        Assert.Equal("upload", source.GetProperty("kind").GetString());
        Assert.Equal("blog.wordpress.2024-05-01.xml", source.GetProperty("name").GetString());
        Assert.Equal("wxr", source.GetProperty("documentKind").GetString());
        Assert.Equal("https://blog.example/", source.GetProperty("baseUrl").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("tenderId").ValueKind);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), root.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 5, 30, TimeSpan.Zero), root.GetProperty("finishedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task WriteAsync_SampleReport_WritesCountsWithEveryStatusInReportOrder()
    {
        using var json = await ParseAsync();
        var counts = json.RootElement.GetProperty("counts");

        Assert.Equal(3, counts.GetProperty("documents").GetInt32());
        Assert.Equal(13, counts.GetProperty("links").GetInt32());
        Assert.Equal(10, counts.GetProperty("urls").GetInt32());
        Assert.Equal(10, counts.GetProperty("urlsChecked").GetInt32());
        Assert.Equal(3, counts.GetProperty("notChecked").GetInt32());
        Assert.Equal(1, counts.GetProperty("dead").GetInt32());
        Assert.Equal(2, counts.GetProperty("archived").GetInt32());
        var byStatus = counts.GetProperty("byStatus").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).ToList();
        Assert.Equal(
            [("broken", 2), ("server-error", 1), ("timeout", 1), ("tls-error", 1), ("blocked", 1), ("rate-limited", 1),
             ("skipped", 1), ("redirected", 1), ("ok", 1)],
            byStatus);
    }

    [Fact]
    public async Task WriteAsync_StatusWithoutUrls_WritesZero()
    {
        var summary = SampleReport.Summary with { ByStatus = new Dictionary<Serverless.Links.Checking.LinkStatus, int> { [Serverless.Links.Checking.LinkStatus.Ok] = 4 } };

        using var json = JsonDocument.Parse(await SampleReport.WriteAsync(_writer, summary, []));

        var byStatus = json.RootElement.GetProperty("counts").GetProperty("byStatus");
        Assert.Equal(4, byStatus.GetProperty("ok").GetInt32());
        Assert.Equal(0, byStatus.GetProperty("broken").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task WriteAsync_SampleReport_WritesEveryDocumentInOrderWithItsSource()
    {
        using var json = await ParseAsync();
        var documents = json.RootElement.GetProperty("documents").EnumerateArray().ToList();

        Assert.Equal([0, 1, 2], documents.Select(d => d.GetProperty("seq").GetInt32()));
        Assert.Equal(["101", "102", "103"], documents.Select(d => d.GetProperty("postId").GetString()));
        Assert.Equal(
            ["Hello <script>alert(1)</script> world", "=cmd|' /C calc'!A0", "Café \"crème\", brouillon"],
            documents.Select(d => d.GetProperty("title").GetString()));
        Assert.Equal(["post", "page", "post"], documents.Select(d => d.GetProperty("type").GetString()));
        Assert.Equal(["publish", "draft", "draft"], documents.Select(d => d.GetProperty("status").GetString()));
        Assert.Equal("https://blog.example/?page_id=102", documents[1].GetProperty("baseUrl").GetString());
        Assert.Equal([6, 7, 0], documents.Select(d => d.GetProperty("links").GetArrayLength()));
    }

    [Fact]
    public async Task WriteAsync_DeadLinkWithArchivedCopy_WritesLinkAndCheck()
    {
        using var json = await ParseAsync();
        var link = Link(json, 0, 0);

        Assert.Equal("https://gone.example/old-page", link.GetProperty("url").GetString());
        Assert.Equal("https://gone.example/old-page#intro", link.GetProperty("raw").GetString());
        Assert.Equal("intro", link.GetProperty("fragment").GetString());
        Assert.Equal("outbound", link.GetProperty("kind").GetString());
        Assert.Equal("a", link.GetProperty("element").GetString());
        Assert.Equal(3, link.GetProperty("line").GetInt32());
        Assert.Equal(10, link.GetProperty("column").GetInt32());
        Assert.Equal("He said \"hi\", then\nleft", link.GetProperty("context").GetString());
        Assert.False(link.TryGetProperty("notCheckedReason", out _));
        var check = link.GetProperty("check");
        Assert.Equal("broken", check.GetProperty("status").GetString());
        Assert.Equal(404, check.GetProperty("httpStatus").GetInt32());
        Assert.Equal("HTTP 404", check.GetProperty("detail").GetString());
        Assert.False(check.TryGetProperty("finalUrl", out _));
        Assert.False(check.TryGetProperty("redirects", out _));
        Assert.False(check.GetProperty("insecureRedirect").GetBoolean());
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 1, 0, TimeSpan.Zero), check.GetProperty("checkedAt").GetDateTimeOffset());
        Assert.True(check.GetProperty("dead").GetBoolean());
        Assert.Equal(3, check.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal("found", check.GetProperty("archiveOutcome").GetString());
        Assert.Equal("https://web.archive.org/web/20230101000000/https://gone.example/old-page", check.GetProperty("archiveUrl").GetString());
    }

    [Fact]
    public async Task WriteAsync_RedirectChain_WritesEveryHopWithPermanence()
    {
        using var json = await ParseAsync();
        var check = Link(json, 0, 1).GetProperty("check");

        Assert.Equal("redirected", check.GetProperty("status").GetString());
        Assert.Equal(200, check.GetProperty("httpStatus").GetInt32());
        Assert.Equal("https://moved.example/b", check.GetProperty("finalUrl").GetString());
        var hops = check.GetProperty("redirects").EnumerateArray().ToList();
        Assert.Equal(2, hops.Count);
        Assert.Equal("http://moved.example/a", hops[0].GetProperty("url").GetString());
        Assert.Equal(301, hops[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("https://moved.example/a", hops[0].GetProperty("location").GetString());
        Assert.True(hops[0].GetProperty("permanent").GetBoolean());
        Assert.Equal("https://moved.example/a", hops[1].GetProperty("url").GetString());
        Assert.Equal(302, hops[1].GetProperty("statusCode").GetInt32());
        Assert.Equal("https://moved.example/b", hops[1].GetProperty("location").GetString());
        Assert.False(hops[1].GetProperty("permanent").GetBoolean());
        Assert.False(check.TryGetProperty("archiveOutcome", out _));
        Assert.False(check.TryGetProperty("archiveUrl", out _));
    }

    [Fact]
    public async Task WriteAsync_NotCheckedLink_WritesExplicitNullCheckAndOmitsOtherNulls()
    {
        using var json = await ParseAsync();
        var link = Link(json, 0, 3);

        Assert.Equal(
            ["raw", "kind", "element", "line", "column", "context", "notCheckedReason", "check"],
            link.EnumerateObject().Select(p => p.Name));
        Assert.Equal("javascript:alert(document.cookie)", link.GetProperty("raw").GetString());
        Assert.Equal("not-checked", link.GetProperty("kind").GetString());
        Assert.Equal("scheme javascript", link.GetProperty("notCheckedReason").GetString());
        Assert.Equal(JsonValueKind.Null, link.GetProperty("check").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_InternalLink_WritesKindInternalAndNullCheck()
    {
        using var json = await ParseAsync();
        var link = Link(json, 0, 4);

        Assert.Equal("internal", link.GetProperty("kind").GetString());
        Assert.Equal("https://blog.example/about/", link.GetProperty("url").GetString());
        Assert.Equal("/about/", link.GetProperty("raw").GetString());
        Assert.Equal(JsonValueKind.Null, link.GetProperty("check").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_EveryStatus_WritesItsWireName()
    {
        using var json = await ParseAsync();
        var statuses = json.RootElement.GetProperty("documents")[1].GetProperty("links").EnumerateArray()
            .Select(l => l.GetProperty("check"))
            .Select(c => c.ValueKind == JsonValueKind.Null ? null : c.GetProperty("status").GetString());

        Assert.Equal(["server-error", "timeout", "tls-error", "blocked", "rate-limited", "skipped", null], statuses);
    }

    [Fact]
    public async Task WriteAsync_HostileText_IsEscapedButReadsBackExactly()
    {
        var bytes = await SampleReport.WriteAsync(_writer);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.DoesNotContain("<script>", text);
        Assert.Contains("Hello \\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E world", text);
        // Letters outside ASCII are kept as they are, so the file stays readable.
        Assert.Contains("Réponse de l’API", text);
        using var json = JsonDocument.Parse(bytes);
        Assert.Equal("Hello <script>alert(1)</script> world", json.RootElement.GetProperty("documents")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task WriteAsync_TenderReport_WritesTenderId()
    {
        var summary = SampleReport.Summary with
        {
            SourceKind = "tender", DocumentKind = "tender", TenderId = Guid.Parse("0b8a1c52-3d3e-4f0f-9a4e-2f6f1b7c9d10"),
            FinishedAt = null, State = ReportState.Failed, Error = "not readable",
        };

        using var json = JsonDocument.Parse(await SampleReport.WriteAsync(_writer, summary, []));

        var root = json.RootElement;
        Assert.Equal("0b8a1c52-3d3e-4f0f-9a4e-2f6f1b7c9d10", root.GetProperty("source").GetProperty("tenderId").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("finishedAt").ValueKind);
        Assert.Equal("failed", root.GetProperty("state").GetString());
        Assert.Equal("not readable", root.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WriteAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _writer.WriteAsync(SampleReport.Summary, SampleReport.Stream(SampleReport.Documents), new MemoryStream(), cancelled.Token));
    }

    private async Task<JsonDocument> ParseAsync() => JsonDocument.Parse(await SampleReport.WriteAsync(_writer));

    private static JsonElement Link(JsonDocument json, int document, int link) =>
        json.RootElement.GetProperty("documents")[document].GetProperty("links")[link];
}
