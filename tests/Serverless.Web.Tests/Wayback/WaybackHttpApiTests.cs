using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Serverless.Links.Ports;
using Serverless.Testing.Wayback;

namespace Serverless.Web.Tests.Wayback;

public sealed class WaybackHttpApiTests : IAsyncLifetime
{
    // Every character that a careless query builder mangles: '+' (read as a space), ':', '?', '&', '=' and an escape.
    private const string TrickyUrl = "http://example.org/a+b:c?x=1&y=%2F";

    // TrickyUrl escaped once as a query value, worked out by hand character by character (RFC 3986 unreserved kept).
    private const string TrickyUrlEscaped = "http%3A%2F%2Fexample.org%2Fa%2Bb%3Ac%3Fx%3D1%26y%3D%252F";

    private readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;
    private WaybackSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulator = await WaybackSimulator.StartAsync();
        _simulator.RequireKeys(WaybackServices.AccessKey, WaybackServices.SecretKey);
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private IWaybackApi Api(bool withKeys = true, IDictionary<string, string?>? settings = null) =>
        WaybackServices.For(_simulator, withKeys, settings).Get<IWaybackApi>();

    [Fact]
    public async Task LookUpAvailabilityAsync_UrlWithReservedCharacters_ArrivesExactlyAndIsFound()
    {
        _simulator.AddCapture(TrickyUrl, "20140101000000");

        var result = await Api().LookUpAvailabilityAsync(TrickyUrl, Ct);

        var request = Assert.Single(_simulator.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/wayback/available?url=" + TrickyUrlEscaped, request.RawTarget);
        Assert.Equal(TrickyUrl, request.Query["url"]);
        Assert.Equal(CaptureLookupStatus.Found, result.Status);
        Assert.Equal("20140101000000", result.Capture!.Timestamp);
        Assert.Equal(TrickyUrl, result.Capture.OriginalUrl);
        Assert.Equal($"{_simulator.BaseUrl}/web/20140101000000/http://example.org/a+b:c?x=1&y=%2F", result.Capture.PlaybackUrl);
    }

    [Fact]
    public async Task LookUpCdxAsync_UrlWithReservedCharacters_AsksForTheLatest200CaptureWithTheUrlExact()
    {
        _simulator.AddCapture(TrickyUrl, "20150505050505", CaptureVisibility.CdxOnly);

        var result = await Api().LookUpCdxAsync(TrickyUrl, Ct);

        var request = Assert.Single(_simulator.Requests);
        Assert.Equal(
            "/cdx/search/cdx?url=" + TrickyUrlEscaped + "&output=json&fl=timestamp,original,statuscode&filter=statuscode:200&limit=-1&fastLatest=true",
            request.RawTarget);
        Assert.Equal(TrickyUrl, request.Query["url"]);
        Assert.Equal(CaptureLookupStatus.Found, result.Status);
        Assert.Equal("20150505050505", result.Capture!.Timestamp);
        Assert.Equal($"{_simulator.BaseUrl}/web/20150505050505/http://example.org/a+b:c?x=1&y=%2F", result.Capture.PlaybackUrl);
    }

    [Fact]
    public async Task LookUpCdxAsync_SeveralCaptures_TheLatestOneWithStatus200()
    {
        const string url = "http://example.org/page";
        _simulator.AddCapture(url, "20140101000000", CaptureVisibility.CdxOnly);
        _simulator.AddCapture(url, "20160101000000", CaptureVisibility.CdxOnly);
        _simulator.AddCapture(url, "20180101000000", CaptureVisibility.CdxOnly, statusCode: 404);

        var result = await Api().LookUpCdxAsync(url, Ct);

        Assert.Equal(CaptureLookupStatus.Found, result.Status);
        Assert.Equal("20160101000000", result.Capture!.Timestamp);
    }

    [Fact]
    public async Task LookUpCdxAsync_NoCapture_NotFound()
    {
        var result = await Api().LookUpCdxAsync("http://example.org/never", Ct);

        Assert.Equal(CaptureLookupStatus.NotFound, result.Status);
        Assert.Null(result.Capture);
    }

    [Fact]
    public async Task LookUpAvailabilityAsync_CaptureKnownOnlyToCdx_NotFound()
    {
        _simulator.AddCapture("http://example.org/cdx-only", "20140101000000", CaptureVisibility.CdxOnly);

        var result = await Api().LookUpAvailabilityAsync("http://example.org/cdx-only", Ct);

        Assert.Equal(CaptureLookupStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task LookUpAvailabilityAsync_ClosestCaptureIsAnErrorPage_NotFound()
    {
        _simulator.AddCapture("http://example.org/was-404", "20140101000000", statusCode: 404);

        var result = await Api().LookUpAvailabilityAsync("http://example.org/was-404", Ct);

        Assert.Equal(CaptureLookupStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task LookUpAvailabilityAsync_ServerAnswers503_FailedWithTheStatus()
    {
        _simulator.AvailabilityFault = HttpStatusCode.ServiceUnavailable;

        var result = await Api().LookUpAvailabilityAsync("http://example.org/", Ct);

        Assert.Equal(CaptureLookupStatus.Failed, result.Status);
        Assert.Contains("503", result.Detail);
    }

    [Fact]
    public async Task LookUpCdxAsync_ServerAnswers429_FailedWithTheStatus()
    {
        _simulator.CdxFault = HttpStatusCode.TooManyRequests;

        var result = await Api().LookUpCdxAsync("http://example.org/", Ct);

        Assert.Equal(CaptureLookupStatus.Failed, result.Status);
        Assert.Contains("429", result.Detail);
    }

    [Fact]
    public async Task LookUpAvailabilityAsync_NoAnswerWithinTheTimeout_FailedNamingTheSetting()
    {
        _simulator.AvailabilityDelay = TimeSpan.FromSeconds(30);
        var api = Api(settings: new Dictionary<string, string?> { ["Wayback:Timeout"] = "00:00:00.300" });
        var clock = Stopwatch.StartNew();

        var result = await api.LookUpAvailabilityAsync("http://example.org/", Ct);

        Assert.Equal(CaptureLookupStatus.Failed, result.Status);
        Assert.Contains("Wayback:Timeout", result.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task EveryCall_ArchiveDown_FailureValuesNotExceptions()
    {
        var api = WaybackServices.For(DeadBaseUrl()).Get<IWaybackApi>();

        var availability = await api.LookUpAvailabilityAsync("http://example.org/", Ct);
        var cdx = await api.LookUpCdxAsync("http://example.org/", Ct);
        var capacity = await api.GetSaveCapacityAsync(Ct);
        var save = await api.RequestSaveAsync("http://example.org/", Ct);
        var status = await api.GetSaveStatusAsync("spn2-1", Ct);

        Assert.Equal(CaptureLookupStatus.Failed, availability.Status);
        Assert.Contains("could not be reached", availability.Detail);
        Assert.Equal(CaptureLookupStatus.Failed, cdx.Status);
        Assert.False(capacity.IsAnswered);
        Assert.Equal(SaveJobState.Unreachable, save.State);
        Assert.Equal(SaveJobState.Unreachable, status.State);
        Assert.Equal("spn2-1", status.JobId);
    }

    [Fact]
    public async Task SaveCalls_WithKeys_SendTheLowAuthorizationAndAcceptJson()
    {
        _simulator.DefaultSaveBehaviour = SaveBehaviour.Succeed("20250102030405");
        var api = Api();

        await api.GetSaveCapacityAsync(Ct);
        var save = await api.RequestSaveAsync("http://example.org/x", Ct);
        await api.GetSaveStatusAsync(save.JobId!, Ct);

        var requests = _simulator.Requests;
        Assert.Equal(["/save/status/user", "/save", $"/save/status/{save.JobId}"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Equal("LOW test-access:test-secret-do-not-log", r.Authorization));
        Assert.All(requests, r => Assert.Equal("application/json", r.Accept));
        Assert.Equal("POST", requests[1].Method);
    }

    [Fact]
    public async Task RequestSaveAsync_UrlWithReservedCharacters_ArrivesExactlyAsTheFormValue()
    {
        var reply = await Api().RequestSaveAsync(TrickyUrl, Ct);

        Assert.Equal(SaveJobState.Pending, reply.State);
        Assert.Equal([TrickyUrl], _simulator.SaveRequests);
    }

    [Fact]
    public async Task SaveJob_PendingTwiceThenSuccess_PendingPendingThenTheCapture()
    {
        _simulator.SetSaveBehaviour("http://example.org/new", SaveBehaviour.Succeed("20250102030405", pendingPolls: 2));
        var api = Api();

        var submitted = await api.RequestSaveAsync("http://example.org/new", Ct);
        var first = await api.GetSaveStatusAsync(submitted.JobId!, Ct);
        var second = await api.GetSaveStatusAsync(submitted.JobId!, Ct);
        var third = await api.GetSaveStatusAsync(submitted.JobId!, Ct);

        Assert.Equal(SaveJobState.Pending, submitted.State);
        Assert.StartsWith("spn2-", submitted.JobId);
        Assert.Equal(SaveJobState.Pending, first.State);
        Assert.Equal(SaveJobState.Pending, second.State);
        Assert.Equal(SaveJobState.Succeeded, third.State);
        Assert.Equal("20250102030405", third.Capture!.Timestamp);
        Assert.Equal($"{_simulator.BaseUrl}/web/20250102030405/http://example.org/new", third.Capture.PlaybackUrl);
    }

    [Fact]
    public async Task GetSaveCapacityAsync_AccountStatus_ReadsTheFourCounts()
    {
        (_simulator.AvailableSessions, _simulator.DailyCaptures, _simulator.DailyCapturesLimit) = (2, 7, 30000);

        var reply = await Api().GetSaveCapacityAsync(Ct);

        Assert.True(reply.IsAnswered, reply.Failure);
        Assert.Equal(new SaveCapacity(Available: 2, Processing: 0, DailyCaptures: 7, DailyCapturesLimit: 30000), reply.Capacity);
    }

    [Fact]
    public async Task SaveCalls_WrongKeys_FailedWithoutRevealingTheSecret()
    {
        _simulator.RequireKeys("other-access", "other-secret");
        var api = Api();

        var capacity = await api.GetSaveCapacityAsync(Ct);
        var save = await api.RequestSaveAsync("http://example.org/x", Ct);

        Assert.False(capacity.IsAnswered);
        Assert.Contains("401", capacity.Failure);
        Assert.Equal(SaveJobState.Failed, save.State);
        Assert.Contains("Wayback:AccessKey", save.Detail);
        Assert.DoesNotContain(WaybackServices.SecretKey, capacity.Failure);
        Assert.DoesNotContain(WaybackServices.SecretKey, save.Detail);
    }

    [Theory]
    [InlineData("error:too-many-daily-captures", SaveJobState.QuotaExceeded)]
    [InlineData("error:user-session-limit", SaveJobState.QuotaExceeded)]
    [InlineData("error:max-daily-bandwidth", SaveJobState.QuotaExceeded)]
    [InlineData("error:blocked-url", SaveJobState.Failed)]
    [InlineData("error:invalid-url-syntax", SaveJobState.Failed)]
    public async Task RequestSaveAsync_RefusedWithStatusExt_QuotaOrFailedWithTheCode(string statusExt, SaveJobState expected)
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.Refuse(statusExt, "Refused by the simulator."));

        var reply = await Api().RequestSaveAsync("http://example.org/x", Ct);

        Assert.Equal(expected, reply.State);
        Assert.Equal($"{statusExt}: Refused by the simulator.", reply.Detail);
        Assert.Null(reply.JobId);
    }

    [Fact]
    public async Task RequestSaveAsync_DailyCapturesUsedUp_QuotaExceededWithTheArchivesMessage()
    {
        (_simulator.DailyCaptures, _simulator.DailyCapturesLimit) = (4, 4);

        var reply = await Api().RequestSaveAsync("http://example.org/x", Ct);

        Assert.Equal(SaveJobState.QuotaExceeded, reply.State);
        Assert.Equal("You cannot make more than 4 captures per day. Please try again tomorrow.", reply.Detail);
    }

    [Fact]
    public async Task RequestSaveAsync_QuotaMessageUnderAnErrorStatus_QuotaExceeded()
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.RefuseWithMessage(HttpStatusCode.BadRequest, "Sorry. You cannot make more than 100,000 captures per day."));

        var reply = await Api().RequestSaveAsync("http://example.org/x", Ct);

        Assert.Equal(SaveJobState.QuotaExceeded, reply.State);
        Assert.Contains("100,000 captures per day", reply.Detail);
    }

    [Fact]
    public async Task RequestSaveAsync_TooManyRequests_QuotaExceededWithRetryAfter()
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.TooManyRequests(retryAfterSeconds: 90));

        var reply = await Api().RequestSaveAsync("http://example.org/x", Ct);

        Assert.Equal(SaveJobState.QuotaExceeded, reply.State);
        Assert.Contains("429", reply.Detail);
        Assert.Contains("90", reply.Detail);
    }

    [Fact]
    public async Task GetSaveStatusAsync_JobEndsInError_FailedWithStatusExtAndMessage()
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.FailJob("error:not-found", "Target URL not found.", pendingPolls: 1));
        var api = Api();

        var submitted = await api.RequestSaveAsync("http://example.org/x", Ct);
        var first = await api.GetSaveStatusAsync(submitted.JobId!, Ct);
        var second = await api.GetSaveStatusAsync(submitted.JobId!, Ct);

        Assert.Equal(SaveJobState.Pending, first.State);
        Assert.Equal(SaveJobState.Failed, second.State);
        Assert.Equal("error:not-found: Target URL not found.", second.Detail);
        Assert.Equal(submitted.JobId, second.JobId);
    }

    [Fact]
    public async Task GetSaveStatusAsync_JobEndsInSessionLimit_QuotaExceeded()
    {
        _simulator.SetSaveBehaviour("http://example.org/x", SaveBehaviour.FailJob("error:user-session-limit", "Too many concurrent sessions."));
        var api = Api();

        var submitted = await api.RequestSaveAsync("http://example.org/x", Ct);
        var status = await api.GetSaveStatusAsync(submitted.JobId!, Ct);

        Assert.Equal(SaveJobState.QuotaExceeded, status.State);
    }

    /// <summary>A loopback address where nothing listens: a port just released by a listener of our own.</summary>
    private static string DeadBaseUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
