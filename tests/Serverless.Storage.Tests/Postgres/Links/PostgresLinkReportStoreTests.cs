using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Storage.Postgres.Links;
using Serverless.Storage.Postgres.Migrations;
using Npgsql;
using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;
using Serverless.Links.History;
using Serverless.Links.Ports;
using Serverless.Links.Reports;

namespace Serverless.Storage.Tests.Postgres.Links;

/// <summary>
/// Each test in a schema of its own: the store enqueues real messages, and a function host running elsewhere on the
/// shared database (another test project) must not take them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLinkReportStoreTests(PostgresFixture fixture) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly LinkHistoryOptions OneStrike = new() { DeadAfterFailures = 1, MinFailureSpacing = TimeSpan.Zero };

    private readonly string _site = $"http://t{Guid.NewGuid():N}.example";
    private IsolatedSchema _schema = null!;
    private ILinkReportStore _store = null!;

    public async Task InitializeAsync()
    {
        _schema = await fixture.CreateIsolatedSchemaAsync();
        await new MigrationRunner(_schema.DataSource, NullLogger<MigrationRunner>.Instance).RunAsync(None);
        _store = new PostgresLinkReportStore(_schema.DataSource);
    }

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    private NewReport Report() => new() { Id = Guid.CreateVersion7(), SourceKind = "upload", SourceName = "export.xml", DocumentKind = "wxr", SourceKey = "k" };

    private ExtractedLink Outbound(string path, string element = "a") =>
        new() { Raw = _site + path, Url = _site + path, Kind = LinkKind.Outbound, Element = element, Line = 3, Column = 7, Context = "anchor " + path };

    private IEnumerable<ExtractedDocument> TwoPosts() =>
    [
        new(new LinkSource { PostId = "12", Title = "First", Type = "post", Status = "publish", BaseUrl = "http://blog.example/first" },
            [Outbound("/a"), Outbound("/b"), Outbound("/a", "img"),
             new ExtractedLink { Raw = "mailto:x@example.org", Kind = LinkKind.NotChecked, Element = "a", NotCheckedReason = "scheme mailto" },
             new ExtractedLink { Raw = "/about", Url = "http://blog.example/about", Kind = LinkKind.Internal, Element = "a" }]),
        new(new LinkSource { PostId = "13", Title = "Empty", Type = "page", Status = "draft" }, []),
        new(new LinkSource { PostId = "14", Title = "Third", Type = "post", Status = "publish" }, [Outbound("/c"), Outbound("/b")]),
    ];

    [Fact]
    public async Task CreateAsync_NewReport_QueuedWithOneExtractMessage()
    {
        var report = Report();

        await _store.CreateAsync(report, None);
        var summary = await _store.GetSummaryAsync(report.Id, None);

        Assert.NotNull(summary);
        Assert.Equal(ReportState.Queued, summary.State);
        Assert.Equal("export.xml", summary.SourceName);
        Assert.Equal("wxr", summary.DocumentKind);
        Assert.Equal(1, await MessagesAsync(ReportQueues.Extract, report.Id));
    }

    [Fact]
    public async Task SaveExtractionAsync_TwoPostsAndAnEmptyPage_PlansDistinctOutboundUrlsInChunks()
    {
        var report = Report();
        await _store.CreateAsync(report, None);

        var saved = await _store.SaveExtractionAsync(report.Id, TwoPosts(), new ReportPlan(ChunkSize: 2, CheckInternal: false), None);
        var again = await _store.SaveExtractionAsync(report.Id, TwoPosts(), new ReportPlan(2, false), None);
        var summary = await _store.GetSummaryAsync(report.Id, None);

        Assert.True(saved);
        Assert.False(again);
        Assert.Equal(ReportState.Checking, summary!.State);
        Assert.Equal(3, summary.Documents);
        Assert.Equal(7, summary.Links);
        Assert.Equal(3, summary.Urls); // /a, /b, /c
        Assert.Equal(2, summary.NotChecked); // mailto and the internal link
        Assert.Equal(2, await MessagesAsync(ReportQueues.Check, report.Id)); // 3 URLs in chunks of 2
        Assert.Equal(0, await MessagesAsync(ReportQueues.Write, report.Id));
    }

    [Fact]
    public async Task SaveExtractionAsync_NothingToCheck_GoesStraightToWriting()
    {
        var report = Report();
        await _store.CreateAsync(report, None);

        await _store.SaveExtractionAsync(report.Id, [new(new LinkSource(), [])], new ReportPlan(25, false), None);
        var summary = await _store.GetSummaryAsync(report.Id, None);

        Assert.Equal(ReportState.Writing, summary!.State);
        Assert.Equal(0, summary.Urls);
        Assert.Equal(1, await MessagesAsync(ReportQueues.Write, report.Id));
        Assert.Equal(0, await MessagesAsync(ReportQueues.Check, report.Id));
    }

    [Fact]
    public async Task SaveExtractionAsync_ExtractorFailsMidway_LeavesNothingAndStaysQueued()
    {
        var report = Report();
        await _store.CreateAsync(report, None);

        await Assert.ThrowsAsync<LinkExtractionException>(() =>
            _store.SaveExtractionAsync(report.Id, FailingDocuments(), new ReportPlan(25, false), None));
        var summary = await _store.GetSummaryAsync(report.Id, None);

        Assert.Equal(ReportState.Queued, summary!.State);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM link_report_links WHERE report_id = @id", report.Id));
        Assert.Equal(0, await MessagesAsync(ReportQueues.Check, report.Id));
    }

    private IEnumerable<ExtractedDocument> FailingDocuments()
    {
        yield return new ExtractedDocument(new LinkSource(), [Outbound("/x")]);
        throw new LinkExtractionException("The export ends in the middle of an element.");
    }

    [Fact]
    public async Task CheckArchiveAndComplete_AllChunks_WritesVerdictsHistoryAndOneWriteMessage()
    {
        var report = Report();
        await _store.CreateAsync(report, None);
        await _store.SaveExtractionAsync(report.Id, TwoPosts(), new ReportPlan(2, false), None);
        var now = DateTimeOffset.UtcNow;

        var pending = (await _store.GetPendingAsync(report.Id, 0, None)).Concat(await _store.GetPendingAsync(report.Id, 1, None)).ToList();
        var broken = await _store.RecordCheckAsync(report.Id, new LinkCheckResult { Url = _site + "/a", Status = LinkStatus.Broken, HttpStatus = 404, CheckedAt = now, Attempts = 1 }, OneStrike, None);
        await _store.RecordCheckAsync(report.Id, new LinkCheckResult
        {
            Url = _site + "/b", Status = LinkStatus.Redirected, HttpStatus = 200, FinalUrl = _site + "/b2", CheckedAt = now,
            Redirects = [new RedirectHop(_site + "/b", 301, _site + "/b2")],
        }, OneStrike, None);
        await _store.RecordCheckAsync(report.Id, new LinkCheckResult { Url = _site + "/c", Status = LinkStatus.Ok, HttpStatus = 200, CheckedAt = now }, OneStrike, None);
        // Everything is checked now; of /a's chunk only /a, broken, still waits for its archive step.
        var chunkOfA = (int)await CountAsync($"SELECT chunk::bigint FROM link_report_urls WHERE report_id = @id AND url = '{_site}/a'", report.Id);
        var pendingArchive = await _store.GetPendingAsync(report.Id, chunkOfA, None);
        await _store.RecordArchiveAsync(report.Id, new ArchiveResult(_site + "/a", ArchiveOutcome.Found, "https://web.archive.org/web/20140101000000/" + _site + "/a", "20140101000000"), None);
        await _store.CompleteChunkAsync(report.Id, 0, None);
        await _store.CompleteChunkAsync(report.Id, 1, None);
        await _store.CompleteChunkAsync(report.Id, 1, None); // redelivered
        var summary = await _store.GetSummaryAsync(report.Id, None);
        var documents = await ToListAsync(_store.ReadDocumentsAsync(report.Id, None));

        Assert.Equal(3, pending.Count);
        Assert.All(pending, p => Assert.True(p.NeedsCheck));
        Assert.True(broken.Dead);
        Assert.Equal([new PendingUrl(_site + "/a", NeedsCheck: false)], pendingArchive);
        Assert.Equal(ReportState.Writing, summary!.State);
        Assert.Equal(3, summary.UrlsChecked);
        Assert.Equal(1, summary.Dead);
        Assert.Equal(1, summary.Archived);
        Assert.Equal(1, summary.ByStatus[LinkStatus.Broken]);
        Assert.Equal(1, summary.ByStatus[LinkStatus.Redirected]);
        Assert.Equal(1, summary.ByStatus[LinkStatus.Ok]);
        Assert.Equal(1, await MessagesAsync(ReportQueues.Write, report.Id));

        Assert.Equal([0, 1, 2], documents.Select(d => d.Seq));
        Assert.Equal(["12", "13", "14"], documents.Select(d => d.Source.PostId));
        Assert.Equal("First", documents[0].Source.Title);
        Assert.Equal("http://blog.example/first", documents[0].Source.BaseUrl);
        Assert.Empty(documents[1].Links);
        var first = documents[0].Links;
        Assert.Equal(5, first.Count);
        Assert.Equal((LinkStatus.Broken, 404, true), (first[0].Verdict!.Status, first[0].Verdict!.HttpStatus, first[0].Verdict!.Dead));
        Assert.Equal("https://web.archive.org/web/20140101000000/" + _site + "/a", first[0].Verdict!.ArchiveUrl);
        Assert.Equal(ArchiveOutcome.Found, first[0].Verdict!.ArchiveOutcome);
        Assert.Equal(("anchor /a", 3, 7), (first[0].Link.Context, first[0].Link.Line, first[0].Link.Column));
        Assert.Equal("img", first[2].Link.Element);
        Assert.Equal(LinkStatus.Broken, first[2].Verdict!.Status); // the same URL, checked once
        var redirected = first[1].Verdict!;
        Assert.Equal(_site + "/b2", redirected.FinalUrl);
        Assert.Equal([new RedirectHop(_site + "/b", 301, _site + "/b2")], redirected.Redirects);
        Assert.True(redirected.Redirects[0].Permanent);
        Assert.Null(first[3].Verdict);
        Assert.Equal(("mailto:x@example.org", LinkKind.NotChecked, "scheme mailto"), (first[3].Link.Raw, first[3].Link.Kind, first[3].Link.NotCheckedReason));
        Assert.Equal(LinkKind.Internal, first[4].Link.Kind);
        Assert.Equal([LinkStatus.Ok, LinkStatus.Redirected], documents[2].Links.Select(l => l.Verdict!.Status));
    }

    [Fact]
    public async Task GetLinksAsync_StatusFilterAndPaging_ReturnsMatchingLinksWithTheirPost()
    {
        var report = Report();
        await _store.CreateAsync(report, None);
        await _store.SaveExtractionAsync(report.Id, TwoPosts(), new ReportPlan(25, false), None);
        var now = DateTimeOffset.UtcNow;
        await _store.RecordCheckAsync(report.Id, new LinkCheckResult { Url = _site + "/a", Status = LinkStatus.Broken, HttpStatus = 410, CheckedAt = now }, OneStrike, None);
        await _store.RecordCheckAsync(report.Id, new LinkCheckResult { Url = _site + "/b", Status = LinkStatus.Ok, CheckedAt = now }, OneStrike, None);
        await _store.RecordCheckAsync(report.Id, new LinkCheckResult { Url = _site + "/c", Status = LinkStatus.Ok, CheckedAt = now }, OneStrike, None);

        var broken = await _store.GetLinksAsync(report.Id, LinkStatus.Broken, 1, 10, None);
        var all = await _store.GetLinksAsync(report.Id, null, 2, 2, None);

        Assert.Equal(2, broken.Total); // /a as an anchor and as an image
        Assert.Equal(["a", "img"], broken.Items.Select(i => i.Link.Link.Element));
        Assert.All(broken.Items, i => Assert.Equal(("12", "First"), (i.Source.PostId, i.Source.Title)));
        Assert.Equal(5, all.Total); // checked links only: /a /b /a(img) /c /b
        Assert.Equal([_site + "/a", _site + "/c"], all.Items.Select(i => i.Link.Link.Url));
        Assert.Equal([0, 2], all.Items.Select(i => i.DocumentSeq));
    }

    [Fact]
    public async Task MarkFailedAsync_UnreadableDocument_FailedWithTheReason()
    {
        var report = Report();
        await _store.CreateAsync(report, None);

        await _store.MarkFailedAsync(report.Id, "The export is not XML.", None);
        var summary = await _store.GetSummaryAsync(report.Id, None);

        Assert.Equal(ReportState.Failed, summary!.State);
        Assert.Equal("The export is not XML.", summary.Error);
        Assert.Equal((ReportState.Failed, "The export is not XML."), await _store.GetStateAsync(report.Id, None));
        Assert.Null(await _store.GetStateAsync(Guid.NewGuid(), None));
        Assert.NotNull(summary.FinishedAt);
    }

    [Fact]
    public async Task MarkDoneAsync_WritingReport_Done()
    {
        var report = Report();
        await _store.CreateAsync(report, None);
        await _store.SaveExtractionAsync(report.Id, [], new ReportPlan(25, false), None);

        await _store.MarkDoneAsync(report.Id, None);
        var summary = await _store.GetSummaryAsync(report.Id, None);

        Assert.Equal(ReportState.Done, summary!.State);
        Assert.Equal(0, summary.Documents);
    }

    private async Task<long> MessagesAsync(string queue, Guid id) =>
        await CountAsync($"SELECT count(*) FROM queue_messages WHERE queue = '{queue}' AND convert_from(body, 'UTF8')::jsonb->>'reportId' = @id::text", id);

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var command = _schema.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
