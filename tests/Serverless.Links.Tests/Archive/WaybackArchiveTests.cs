using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Links.Archive;
using Serverless.Links.Ports;

namespace Serverless.Links.Tests.Archive;

public sealed class WaybackArchiveTests
{
    private const string Url = "http://example.org/gone";
    private const string Job = "spn2-job-1";

    // Playback URLs as the reference gives them: <web base>/web/<timestamp>/<original>.
    private static readonly WaybackCapture OldCapture = new("20140101000000", Url, "https://web.archive.org/web/20140101000000/http://example.org/gone");
    private static readonly WaybackCapture NewCapture = new("20250102030405", Url, "https://web.archive.org/web/20250102030405/http://example.org/gone");
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);

    private readonly FakeWaybackApi _api = new();
    private readonly InMemorySaveRequestLog _log = new();
    private readonly InstantTimeProvider _time = new(Start);

    private WaybackArchive Archive(Action<WaybackOptions>? configure = null)
    {
        var options = new WaybackOptions
        {
            AccessKey = "access",
            SecretKey = "secret",
            StatusPollInterval = TimeSpan.FromSeconds(5),
            StatusPollTimeout = TimeSpan.FromSeconds(60),
        };
        configure?.Invoke(options);
        return new WaybackArchive(_api, _log, Options.Create(options), _time, NullLogger<WaybackArchive>.Instance);
    }

    [Fact]
    public async Task FindOrSaveAsync_AvailabilityHasCapture_FoundWithoutCdxOrSave()
    {
        _api.Availability = CaptureLookup.Found(OldCapture);

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Found, result.Outcome);
        Assert.Equal(Url, result.Url);
        Assert.Equal("https://web.archive.org/web/20140101000000/http://example.org/gone", result.ArchiveUrl);
        Assert.Equal("20140101000000", result.Timestamp);
        Assert.Equal([$"Availability({Url})"], _api.Calls);
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_AvailabilityEmptyButCdxHasCapture_FoundFromCdx()
    {
        _api.Cdx = CaptureLookup.Found(OldCapture);

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Found, result.Outcome);
        Assert.Equal("https://web.archive.org/web/20140101000000/http://example.org/gone", result.ArchiveUrl);
        Assert.Contains("CDX", result.Detail);
        Assert.Equal([$"Availability({Url})", $"Cdx({Url})"], _api.Calls);
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_AvailabilityFailsButCdxHasCapture_FoundAndSaysWhy()
    {
        _api.Availability = CaptureLookup.Failed("The availability API answered 503 Service Unavailable.");
        _api.Cdx = CaptureLookup.Found(OldCapture);

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Found, result.Outcome);
        Assert.Equal("20140101000000", result.Timestamp);
        Assert.Contains("503 Service Unavailable", result.Detail);
    }

    [Fact]
    public async Task FindOrSaveAsync_NoCaptureAndJobPendingTwiceThenSucceeds_SavedWithTheCaptureUrl()
    {
        _api.QueueStatuses(
            new SaveJobReply(SaveJobState.Pending, Job),
            new SaveJobReply(SaveJobState.Pending, Job),
            new SaveJobReply(SaveJobState.Succeeded, Job, NewCapture));

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Saved, result.Outcome);
        Assert.Equal("https://web.archive.org/web/20250102030405/http://example.org/gone", result.ArchiveUrl);
        Assert.Equal("20250102030405", result.Timestamp);
        Assert.Equal(
            [$"Availability({Url})", $"Cdx({Url})", "Capacity()", $"Save({Url})", $"Status({Job})", $"Status({Job})", $"Status({Job})"],
            _api.Calls);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], _time.Waits);
        var reservation = Assert.Single(_log.Calls);
        Assert.Equal((Url, TimeSpan.FromDays(7), Start, true), reservation);
    }

    [Fact]
    public async Task FindOrSaveAsync_JobStillPendingAtTimeout_PendingAfterPollingUntilTheTimeout()
    {
        _api.QueueStatuses(new SaveJobReply(SaveJobState.Pending, Job));

        var result = await Archive(o => o.StatusPollTimeout = TimeSpan.FromSeconds(12)).FindOrSaveAsync(Url, CancellationToken.None);

        // Polls at 5 s, 10 s and 15 s; 15 s is past the 12 s timeout.
        Assert.Equal(ArchiveOutcome.Pending, result.Outcome);
        Assert.Null(result.ArchiveUrl);
        Assert.Contains(Job, result.Detail);
        Assert.Equal(3, _api.Calls.Count(c => c == $"Status({Job})"));
        Assert.Equal(Start.AddSeconds(15), _time.GetUtcNow());
    }

    [Fact]
    public async Task FindOrSaveAsync_StatusUnreadableThenSuccess_KeepsPollingAndSaves()
    {
        _api.QueueStatuses(
            new SaveJobReply(SaveJobState.Unreachable, Job, Detail: "Save Page Now answered 502 Bad Gateway."),
            new SaveJobReply(SaveJobState.Succeeded, Job, NewCapture));

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Saved, result.Outcome);
        Assert.Equal("20250102030405", result.Timestamp);
    }

    [Fact]
    public async Task FindOrSaveAsync_StatusUnreadableUntilTimeout_PendingWithTheLastProblem()
    {
        _api.QueueStatuses(new SaveJobReply(SaveJobState.Unreachable, Job, Detail: "Save Page Now answered 502 Bad Gateway."));

        var result = await Archive(o => o.StatusPollTimeout = TimeSpan.FromSeconds(10)).FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Pending, result.Outcome);
        Assert.Contains("502 Bad Gateway", result.Detail);
    }

    [Fact]
    public async Task FindOrSaveAsync_SecondCallWithinTheWindow_NotArchivedWithoutASecondSave()
    {
        _api.QueueStatuses(new SaveJobReply(SaveJobState.Pending, Job));
        var archive = Archive(o => o.StatusPollTimeout = TimeSpan.Zero);

        var first = await archive.FindOrSaveAsync(Url, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(6));
        var second = await archive.FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Pending, first.Outcome);
        Assert.Equal(ArchiveOutcome.NotArchived, second.Outcome);
        Assert.Contains("SaveWindow", second.Detail);
        Assert.Equal(1, _api.Calls.Count(c => c == $"Save({Url})"));
        Assert.Equal([true, false], _log.Calls.Select(c => c.Granted));
    }

    [Fact]
    public async Task FindOrSaveAsync_SecondCallAfterTheWindow_SavesAgain()
    {
        _api.QueueStatuses(new SaveJobReply(SaveJobState.Pending, Job));
        var archive = Archive(o => (o.SaveWindow, o.StatusPollTimeout) = (TimeSpan.FromDays(2), TimeSpan.Zero));

        await archive.FindOrSaveAsync(Url, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(3));
        var second = await archive.FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Pending, second.Outcome);
        Assert.Equal(2, _api.Calls.Count(c => c == $"Save({Url})"));
        Assert.All(_log.Calls, c => Assert.Equal(TimeSpan.FromDays(2), c.Window));
    }

    [Fact]
    public async Task FindOrSaveAsync_DailyCapturesUsedUp_QuotaExceededWithoutReservingOrSaving()
    {
        _api.Capacity = SaveCapacityReply.Answered(new SaveCapacity(Available: 3, Processing: 0, DailyCaptures: 100, DailyCapturesLimit: 100));

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.QuotaExceeded, result.Outcome);
        Assert.Contains("100 of 100", result.Detail);
        Assert.DoesNotContain(_api.Calls, c => c.StartsWith("Save(", StringComparison.Ordinal));
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_NoFreeCaptureSession_QuotaExceededWithoutSaving()
    {
        _api.Capacity = SaveCapacityReply.Answered(new SaveCapacity(Available: 0, Processing: 5, DailyCaptures: 10, DailyCapturesLimit: 100));

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.QuotaExceeded, result.Outcome);
        Assert.Contains("5 running", result.Detail);
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_SaveRefusedForQuota_QuotaExceededWithTheArchivesMessage()
    {
        _api.Save = new SaveJobReply(SaveJobState.QuotaExceeded, Detail: "You cannot make more than 4 captures per day.");

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.QuotaExceeded, result.Outcome);
        Assert.Contains("You cannot make more than 4 captures per day.", result.Detail);
        Assert.DoesNotContain(_api.Calls, c => c.StartsWith("Status(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindOrSaveAsync_JobEndsInQuotaError_QuotaExceeded()
    {
        _api.QueueStatuses(new SaveJobReply(SaveJobState.QuotaExceeded, Job, Detail: "error:user-session-limit: too many sessions"));

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.QuotaExceeded, result.Outcome);
        Assert.Contains("error:user-session-limit", result.Detail);
    }

    [Fact]
    public async Task FindOrSaveAsync_SaveRefused_FailedWithTheReason()
    {
        _api.Save = new SaveJobReply(SaveJobState.Failed, Detail: "error:blocked-url: blocked");

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains("error:blocked-url", result.Detail);
        Assert.Null(result.ArchiveUrl);
    }

    [Fact]
    public async Task FindOrSaveAsync_SaveUnreachable_Failed()
    {
        _api.Save = new SaveJobReply(SaveJobState.Unreachable, Detail: "Save Page Now could not be reached: ConnectionError");

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains("ConnectionError", result.Detail);
    }

    [Fact]
    public async Task FindOrSaveAsync_JobFails_FailedNamingTheJobAndStatusExt()
    {
        _api.QueueStatuses(
            new SaveJobReply(SaveJobState.Pending, Job),
            new SaveJobReply(SaveJobState.Failed, Job, Detail: "error:not-found: Target URL not found"));

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains(Job, result.Detail);
        Assert.Contains("error:not-found", result.Detail);
        Assert.Equal(2, _api.Calls.Count(c => c == $"Status({Job})"));
    }

    [Fact]
    public async Task FindOrSaveAsync_AcceptedWithoutJobId_Failed()
    {
        _api.Save = new SaveJobReply(SaveJobState.Pending);

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.DoesNotContain(_api.Calls, c => c.StartsWith("Status(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindOrSaveAsync_BothLookupsFail_FailedWithoutSaving()
    {
        _api.Availability = CaptureLookup.Failed("The availability API did not answer within 00:00:10 (Wayback:Timeout).");
        _api.Cdx = CaptureLookup.Failed("The CDX index answered 503 Service Unavailable.");

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains("00:00:10", result.Detail);
        Assert.Contains("503", result.Detail);
        Assert.Equal([$"Availability({Url})", $"Cdx({Url})"], _api.Calls);
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_AvailabilityEmptyAndCdxFails_FailedWithoutSaving()
    {
        _api.Cdx = CaptureLookup.Failed("The CDX index answered 429 Too Many Requests.");

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains("429", result.Detail);
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_AvailabilityFailsAndCdxEmpty_StillSaves()
    {
        _api.Availability = CaptureLookup.Failed("The availability API answered 503 Service Unavailable.");
        _api.QueueStatuses(new SaveJobReply(SaveJobState.Succeeded, Job, NewCapture));

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Saved, result.Outcome);
    }

    [Fact]
    public async Task FindOrSaveAsync_AccountStatusUnreadable_FailedWithoutReservingOrSaving()
    {
        _api.Capacity = SaveCapacityReply.Failed("Save Page Now refused the access keys (401 Unauthorized).");

        var result = await Archive().FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains("401", result.Detail);
        Assert.Empty(_log.Calls);
        Assert.DoesNotContain(_api.Calls, c => c.StartsWith("Save(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("access", null)]
    [InlineData("", "secret")]
    public async Task FindOrSaveAsync_NoCaptureAndNoKeys_NotArchivedWithoutAnySaveCall(string? access, string? secret)
    {
        var result = await Archive(o => (o.AccessKey, o.SecretKey) = (access, secret)).FindOrSaveAsync(Url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.NotArchived, result.Outcome);
        Assert.Contains("Wayback:AccessKey", result.Detail);
        Assert.Equal([$"Availability({Url})", $"Cdx({Url})"], _api.Calls);
        Assert.Empty(_log.Calls);
    }

    [Theory]
    [InlineData("https://web.archive.org/web/20140101000000/http://example.org/gone")]
    [InlineData("http://WEB.ARCHIVE.ORG/web/2014/http://example.org/")]
    [InlineData("https://web-wp.archive.org/web/20200101000000/https://example.org/")]
    [InlineData("https://wayback.archive.org/web/2014*/example.org")]
    [InlineData("https://archive.org/web/20140101000000/http://example.org/")]
    [InlineData("https://www.archive.org/web/20140101000000/http://example.org/")]
    [InlineData("http://127.0.0.1:8123/web/20140101000000/http://example.org/")]
    [InlineData("http://127.0.0.1:8124/mirror/web/20140101000000/http://example.org/")]
    public async Task FindOrSaveAsync_LinkIntoTheArchive_SkippedWithoutAnyCall(string url)
    {
        var archive = Archive(o => (o.WebBaseUrl, o.AvailabilityBaseUrl) = ("http://127.0.0.1:8123", "http://127.0.0.1:8124/mirror/"));

        var result = await archive.FindOrSaveAsync(url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Skipped, result.Outcome);
        Assert.Equal(url, result.Url);
        Assert.Empty(_api.Calls);
        Assert.Empty(_log.Calls);
    }

    [Theory]
    [InlineData("https://archive.org/details/some-item")]
    [InlineData("http://127.0.0.1:9999/web/20140101000000/http://example.org/")]
    [InlineData("http://127.0.0.1:8123/page")]
    [InlineData("https://web.archive.org.example.net/web/2014/http://example.org/")]
    [InlineData("https://example.org/web/20140101000000/http://example.org/")]
    public async Task FindOrSaveAsync_LinkOutsideTheArchive_IsLookedUp(string url)
    {
        var archive = Archive(o => o.WebBaseUrl = "http://127.0.0.1:8123");
        _api.Availability = CaptureLookup.Found(OldCapture);

        var result = await archive.FindOrSaveAsync(url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Found, result.Outcome);
        Assert.Equal([$"Availability({url})"], _api.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_ConfiguredArchiveHost_SkippedWithItsSubdomains()
    {
        var archive = Archive(o => o.ArchiveHosts.Add("archive.today"));

        var result = await archive.FindOrSaveAsync("https://www.archive.today/abcde", CancellationToken.None);

        Assert.Equal(ArchiveOutcome.Skipped, result.Outcome);
        Assert.Empty(_api.Calls);
    }

    [Theory]
    [InlineData("mailto:someone@example.org")]
    [InlineData("ftp://example.org/file.txt")]
    [InlineData("/relative/path")]
    public async Task FindOrSaveAsync_NotAnHttpUrl_NotArchivedWithoutAnyCall(string url)
    {
        var result = await Archive().FindOrSaveAsync(url, CancellationToken.None);

        Assert.Equal(ArchiveOutcome.NotArchived, result.Outcome);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task FindOrSaveAsync_CancelledWhilePolling_Throws()
    {
        _api.QueueStatuses(new SaveJobReply(SaveJobState.Pending, Job));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Archive().FindOrSaveAsync(Url, cancel.Token));
    }

    [Theory]
    [InlineData("https://web.archive.org/web/20140101000000/http://example.org/a", true)]
    [InlineData("HTTPS://WEB.ARCHIVE.ORG/web/2014/http://example.org/a", true)]
    [InlineData("http://127.0.0.1:38395/web/20120101000000/http://example.org/a", false)]
    [InlineData("https://web.archive.org.evil.example/web/2014/http://example.org/a", false)]
    [InlineData("https://web.archive.org/save/http://example.org/a", false)]
    public void IsCurrentCopy_RecordedArchiveUrl_OnlyUnderTheConfiguredPlaybackBase(string archiveUrl, bool expected)
    {
        Assert.Equal(expected, Archive().IsCurrentCopy(archiveUrl));
    }
}
