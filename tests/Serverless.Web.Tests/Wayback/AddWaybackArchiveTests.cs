using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Serverless.Links.Archive;
using Serverless.Testing.Wayback;

namespace Serverless.Web.Tests.Wayback;

/// <summary>The archive step as the app wires it (<c>AddWaybackArchive</c>), end to end against the simulator.</summary>
public sealed class AddWaybackArchiveTests : IAsyncLifetime
{
    private const string TrickyUrl = "http://example.org/a+b:c?x=1&y=%2F";

    private readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;
    private WaybackSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulator = await WaybackSimulator.StartAsync();
        _simulator.RequireKeys(WaybackServices.AccessKey, WaybackServices.SecretKey);
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task FindOrSaveAsync_AvailabilityEmptyButCdxHasCopy_FoundAndThePlaybackUrlServesIt()
    {
        _simulator.AddCapture(TrickyUrl, "20140101000000", CaptureVisibility.CdxOnly);
        using var services = WaybackServices.For(_simulator);

        var result = await services.Get<IArchive>().FindOrSaveAsync(TrickyUrl, Ct);

        Assert.Equal(ArchiveOutcome.Found, result.Outcome);
        Assert.Equal(TrickyUrl, result.Url);
        Assert.Equal($"{_simulator.BaseUrl}/web/20140101000000/http://example.org/a+b:c?x=1&y=%2F", result.ArchiveUrl);
        Assert.Equal("20140101000000", result.Timestamp);
        Assert.Equal(["/wayback/available", "/cdx/search/cdx"], _simulator.Requests.Select(r => r.Path));
        Assert.All(_simulator.Requests, r => Assert.Equal(TrickyUrl, r.Query["url"]));
        Assert.Null(_simulator.Requests[0].Authorization);
        Assert.Equal(HttpStatusCode.OK, await PlaybackStatus(result.ArchiveUrl!));
    }

    [Fact]
    public async Task FindOrSaveAsync_NoCopyAndSaveJobPendingTwice_SavedThenFoundWithoutASecondSave()
    {
        const string url = "http://example.org/fresh";
        _simulator.SetSaveBehaviour(url, SaveBehaviour.Succeed("20250102030405", pendingPolls: 2));
        using var services = WaybackServices.For(_simulator);
        var archive = services.Get<IArchive>();

        var saved = await archive.FindOrSaveAsync(url, Ct);
        var again = await archive.FindOrSaveAsync(url, Ct);

        Assert.Equal(ArchiveOutcome.Saved, saved.Outcome);
        Assert.Equal($"{_simulator.BaseUrl}/web/20250102030405/http://example.org/fresh", saved.ArchiveUrl);
        Assert.Equal("20250102030405", saved.Timestamp);
        Assert.Equal(ArchiveOutcome.Found, again.Outcome);
        Assert.Equal(saved.ArchiveUrl, again.ArchiveUrl);
        Assert.Equal([url], _simulator.SaveRequests);
        Assert.Equal(3, _simulator.Requests.Count(r => r.Path.StartsWith("/save/status/spn2-", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, await PlaybackStatus(saved.ArchiveUrl!));
    }

    [Fact]
    public async Task FindOrSaveAsync_JobStillRunningAndAskedAgain_PendingThenNotArchivedWithOneSaveOnly()
    {
        const string url = "http://example.org/slow";
        _simulator.SetSaveBehaviour(url, SaveBehaviour.Succeed("20250102030405", pendingPolls: 1000));
        using var services = WaybackServices.For(_simulator, settings: new Dictionary<string, string?> { ["Wayback:StatusPollTimeout"] = "00:00:00.100" });
        var archive = services.Get<IArchive>();

        var first = await archive.FindOrSaveAsync(url, Ct);
        var second = await archive.FindOrSaveAsync(url, Ct);

        Assert.Equal(ArchiveOutcome.Pending, first.Outcome);
        Assert.Equal(ArchiveOutcome.NotArchived, second.Outcome);
        Assert.Equal([url], _simulator.SaveRequests);
        Assert.Equal([url], services.SaveLog.Granted);
    }

    [Fact]
    public async Task FindOrSaveAsync_SaveWithTraceLogging_NeverLogsTheSecretKey()
    {
        var logs = new RecordingLoggerProvider();
        using var services = WaybackServices.For(_simulator, logs: logs);

        var result = await services.Get<IArchive>().FindOrSaveAsync("http://example.org/logged", Ct);

        Assert.Equal(ArchiveOutcome.Saved, result.Outcome);
        Assert.Contains(logs.Lines, line => line.Contains("/save", StringComparison.Ordinal)); // the request logging is on
        Assert.Contains(logs.Lines, line => line.Contains("Authorization: ", StringComparison.Ordinal)); // headers too
        Assert.DoesNotContain(logs.Lines, line => line.Contains(WaybackServices.SecretKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindOrSaveAsync_DailyQuotaUsedUp_QuotaExceededWithoutASaveRequest()
    {
        (_simulator.DailyCaptures, _simulator.DailyCapturesLimit) = (200, 200);
        using var services = WaybackServices.For(_simulator);

        var result = await services.Get<IArchive>().FindOrSaveAsync("http://example.org/x", Ct);

        Assert.Equal(ArchiveOutcome.QuotaExceeded, result.Outcome);
        Assert.Contains("200 of 200", result.Detail);
        Assert.Empty(_simulator.SaveRequests);
        Assert.Empty(services.SaveLog.Granted);
    }

    [Fact]
    public async Task FindOrSaveAsync_SaveRefusedWithTheDailyLimitMessage_QuotaExceeded()
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.RefuseWithMessage(HttpStatusCode.OK, "You cannot make more than 5 captures per day."));
        using var services = WaybackServices.For(_simulator);

        var result = await services.Get<IArchive>().FindOrSaveAsync("http://example.org/x", Ct);

        Assert.Equal(ArchiveOutcome.QuotaExceeded, result.Outcome);
        Assert.Contains("You cannot make more than 5 captures per day.", result.Detail);
        Assert.Equal(["http://example.org/x"], _simulator.SaveRequests);
    }

    [Fact]
    public async Task FindOrSaveAsync_SaveAnswers429_QuotaExceeded()
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.TooManyRequests());
        using var services = WaybackServices.For(_simulator);

        var result = await services.Get<IArchive>().FindOrSaveAsync("http://example.org/x", Ct);

        Assert.Equal(ArchiveOutcome.QuotaExceeded, result.Outcome);
        Assert.Contains("429", result.Detail);
    }

    [Fact]
    public async Task FindOrSaveAsync_JobFails_FailedWithTheStatusExt()
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.FailJob("error:not-found", "Target URL not found.", pendingPolls: 1));
        using var services = WaybackServices.For(_simulator);

        var result = await services.Get<IArchive>().FindOrSaveAsync("http://example.org/x", Ct);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains("error:not-found: Target URL not found.", result.Detail);
    }

    [Fact]
    public async Task FindOrSaveAsync_NoKeys_NotArchivedWithoutAnySaveRequest()
    {
        using var services = WaybackServices.For(_simulator, withKeys: false);

        var result = await services.Get<IArchive>().FindOrSaveAsync("http://example.org/x", Ct);

        Assert.Equal(ArchiveOutcome.NotArchived, result.Outcome);
        Assert.Equal(["/wayback/available", "/cdx/search/cdx"], _simulator.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task FindOrSaveAsync_PlaybackUrlOfTheConfiguredArchive_SkippedWithoutAnyRequest()
    {
        using var services = WaybackServices.For(_simulator);

        var result = await services.Get<IArchive>().FindOrSaveAsync(_simulator.PlaybackUrl("20140101000000", "http://example.org/"), Ct);

        Assert.Equal(ArchiveOutcome.Skipped, result.Outcome);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task FindOrSaveAsync_ArchiveDown_FailedNotAnException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dead = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        using var services = WaybackServices.For(dead);

        var result = await services.Get<IArchive>().FindOrSaveAsync("http://example.org/x", Ct);

        Assert.Equal(ArchiveOutcome.Failed, result.Outcome);
        Assert.Contains("could not be reached", result.Detail);
        Assert.Empty(services.SaveLog.Granted);
    }

    [Fact]
    public void AddWaybackArchive_OnlyOneKeyConfigured_OptionsFailValidationNamingTheSettings()
    {
        using var services = WaybackServices.For(_simulator, withKeys: false, new Dictionary<string, string?> { ["Wayback:AccessKey"] = "only-access" });

        var error = Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<WaybackOptions>>().Value);

        Assert.Contains("Wayback:SecretKey", error.Message);
        Assert.DoesNotContain("only-access", error.Message);
    }

    [Fact]
    public void AddWaybackArchive_Configuration_BindsTheWaybackSection()
    {
        using var services = WaybackServices.For(_simulator, settings: new Dictionary<string, string?>
        {
            ["Wayback:SaveWindow"] = "3.00:00:00",
            ["Wayback:ArchiveHosts:0"] = "archive.today",
        });

        var options = services.Get<IOptions<WaybackOptions>>().Value;

        Assert.Equal(_simulator.BaseUrl, options.WebBaseUrl);
        Assert.Equal(_simulator.BaseUrl, options.AvailabilityBaseUrl);
        Assert.Equal(TimeSpan.FromDays(3), options.SaveWindow);
        Assert.True(options.HasKeys);
        Assert.Contains("archive.today", options.ArchiveHosts);
        Assert.Contains("web.archive.org", options.ArchiveHosts);
        Assert.IsType<WaybackArchive>(services.Get<IArchive>());
    }

    private static async Task<HttpStatusCode> PlaybackStatus(string url)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }
}
