using Serverless.Host.Timers;
using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.History;
using Serverless.Links.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Storage.Postgres.Links;
using Serverless.Storage.Postgres.Migrations;

namespace Serverless.Storage.Tests.Postgres.Links;

/// <summary>Each test in a schema of its own: links due for a re-check must not be taken by a host running elsewhere.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLinkHistoryStoreTests(PostgresFixture fixture) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _site = $"http://h{Guid.NewGuid():N}.example";
    private IsolatedSchema _schema = null!;
    private ILinkHistoryStore _history = null!;

    public async Task InitializeAsync()
    {
        _schema = await fixture.CreateIsolatedSchemaAsync();
        await new MigrationRunner(_schema.DataSource, NullLogger<MigrationRunner>.Instance).RunAsync(None);
        _history = new PostgresLinkHistoryStore(_schema.DataSource);
    }

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task RecordCheckAsync_ThreeFailuresADayApart_DeadWithHistory()
    {
        var url = _site + "/gone";
        var day0 = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
        var rules = new LinkHistoryOptions();

        await _history.RecordCheckAsync(new LinkCheckResult { Url = url, Status = LinkStatus.Broken, HttpStatus = 404, CheckedAt = day0 }, rules, None);
        await _history.RecordCheckAsync(new LinkCheckResult { Url = url, Status = LinkStatus.Broken, HttpStatus = 404, CheckedAt = day0.AddHours(2) }, rules, None);
        await _history.RecordCheckAsync(new LinkCheckResult { Url = url, Status = LinkStatus.Broken, HttpStatus = 404, CheckedAt = day0.AddDays(1) }, rules, None);
        var third = await _history.RecordCheckAsync(new LinkCheckResult { Url = url, Status = LinkStatus.Broken, HttpStatus = 410, CheckedAt = day0.AddDays(2) }, rules, None);
        var read = await _history.GetAsync(url, None);

        Assert.True(third.Dead);
        Assert.Equal(read, third);
        Assert.Equal(3, read!.ConsecutiveFailures);
        Assert.Equal(day0, read.FirstSeen);
        Assert.Equal(day0.AddDays(2), read.LastChecked);
        Assert.Equal((LinkStatus.Broken, 410), (read.LastStatus, read.LastHttpStatus));
        Assert.Equal(day0.AddDays(3), read.NextCheckAt);
    }

    [Fact]
    public async Task RecordCheckAsync_ConcurrentFailuresOfANewUrl_BothApplied()
    {
        var url = _site + "/race";
        var rules = new LinkHistoryOptions { DeadAfterFailures = 5, MinFailureSpacing = TimeSpan.Zero };
        var now = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _history.RecordCheckAsync(new LinkCheckResult { Url = url, Status = LinkStatus.Timeout, CheckedAt = now }, rules, None)));

        Assert.Equal(4, (await _history.GetAsync(url, None))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task ScheduleDueAsync_DueLinks_ClaimedOnceAndQueuedInBatches()
    {
        var history = _history;
        var now = DateTimeOffset.UtcNow;
        var due = new LinkHistoryOptions { RecheckInterval = TimeSpan.FromMinutes(-1) };
        for (var i = 0; i < 5; i++)
        {
            await history.RecordCheckAsync(new LinkCheckResult { Url = $"{_site}/{i}", Status = LinkStatus.Ok, CheckedAt = now }, due, None);
        }

        await history.RecordCheckAsync(new LinkCheckResult { Url = $"{_site}/later", Status = LinkStatus.Ok, CheckedAt = now }, new LinkHistoryOptions(), None);

        var claimed = await history.ScheduleDueAsync(now, 100, 2, TimeSpan.FromHours(1), None);
        var claimedAgain = await history.ScheduleDueAsync(now, 100, 2, TimeSpan.FromHours(1), None);
        await using var messages = _schema.DataSource.CreateCommand(
            "SELECT convert_from(body, 'UTF8') FROM queue_messages WHERE queue = 'links-recheck' ORDER BY id");
        var bodies = new List<string>();
        await using (var reader = await messages.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                bodies.Add(reader.GetString(0));
            }
        }

        Assert.Equal(5, claimed);
        Assert.Equal(0, claimedAgain);
        Assert.Equal(3, bodies.Count); // 5 URLs in batches of 2
        var urls = bodies.SelectMany(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("urls").EnumerateArray().Select(u => u.GetString()!)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{_site}/{i}"), urls);
        var next = (await history.GetAsync(_site + "/0", None))!.NextCheckAt!.Value;
        Assert.InRange(next - now, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task RecordArchiveAsync_FoundCopy_KeptInHistory()
    {
        var url = _site + "/archived";
        await _history.RecordCheckAsync(new LinkCheckResult { Url = url, Status = LinkStatus.Broken, CheckedAt = DateTimeOffset.UtcNow }, new LinkHistoryOptions(), None);

        await _history.RecordArchiveAsync(new ArchiveResult(url, ArchiveOutcome.Saved, "https://web.archive.org/web/20261203000000/" + url), None);

        Assert.Equal("https://web.archive.org/web/20261203000000/" + url, (await _history.GetAsync(url, None))!.ArchiveUrl);
    }

    [Fact]
    public async Task SaveRequestLog_SecondRequestWithinTheWindow_Refused()
    {
        var log = new PostgresSaveRequestLog(_schema.DataSource);
        var url = _site + "/save";
        var now = DateTimeOffset.UtcNow;

        var first = await log.TryReserveAsync(url, TimeSpan.FromDays(7), now, None);
        var within = await log.TryReserveAsync(url, TimeSpan.FromDays(7), now.AddDays(6), None);
        var after = await log.TryReserveAsync(url, TimeSpan.FromDays(7), now.AddDays(7), None);

        Assert.Equal((true, false, true), (first, within, after));
    }

    [Fact]
    public async Task TimerScheduleMonitor_TwoInstancesClaimAnOccurrence_OneWins()
    {
        var monitor = new Serverless.Storage.Postgres.Timers.PostgresTimerScheduleMonitor(_schema.DataSource);
        var timer = "timer-" + Guid.NewGuid().ToString("N");
        var occurrence = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

        var before = await monitor.GetLastAsync(timer, None);
        var claims = await Task.WhenAll(monitor.TryClaimAsync(timer, occurrence, None), monitor.TryClaimAsync(timer, occurrence, None));
        var older = await monitor.TryClaimAsync(timer, occurrence.AddHours(-6), None);
        var next = await monitor.TryClaimAsync(timer, occurrence.AddHours(6), None);

        Assert.Null(before);
        Assert.Equal(1, claims.Count(c => c));
        Assert.False(older);
        Assert.True(next);
        Assert.Equal(occurrence.AddHours(6), await monitor.GetLastAsync(timer, None));
    }

}
