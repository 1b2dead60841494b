using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Testing.Wayback;

/// <summary>
/// A Wayback Machine on 127.0.0.1 and a free port, programmable per URL: <c>/wayback/available</c>,
/// <c>/cdx/search/cdx</c> (output=json), <c>POST /save</c>, <c>/save/status/{job}</c>, <c>/save/status/user</c> and
/// <c>/web/{timestamp}/{url}</c> playback. One base URL serves both the availability and the web settings. Every request
/// is recorded, so tests can assert exact URLs and headers and that no save was asked twice.
/// </summary>
public sealed class WaybackSimulator : IAsyncDisposable
{
    /// <summary>Answer of POST /save past <see cref="DailyCapturesLimit"/>; the wording Link Fixer detects.</summary>
    public const string DailyLimitMessageFormat = "You cannot make more than {0:N0} captures per day. Please try again tomorrow.";

    private static readonly string[] AllCdxFields = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"];

    private readonly object _gate = new();
    private readonly List<Capture> _captures = [];
    private readonly Dictionary<string, SaveBehaviour> _saveBehaviours = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly List<SimulatedRequest> _requests = [];
    private readonly WebApplication _app;
    private (string Access, string Secret)? _keys;
    private int _jobCounter;

    private WaybackSimulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The simulator's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The root without the trailing slash, for <c>Wayback:AvailabilityBaseUrl</c> and <c>Wayback:WebBaseUrl</c>.</summary>
    public string BaseUrl => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>What a save request does for a URL without its own behaviour: success at the first poll.</summary>
    public SaveBehaviour DefaultSaveBehaviour { get; set; } = SaveBehaviour.Succeed("20250101000000");

    public int DailyCaptures { get; set; }

    public int DailyCapturesLimit { get; set; } = 100;

    /// <summary>Free capture sessions reported by <c>/save/status/user</c>.</summary>
    public int AvailableSessions { get; set; } = 3;

    /// <summary>When set, the availability API answers this status with an HTML page.</summary>
    public HttpStatusCode? AvailabilityFault { get; set; }

    /// <summary>When set, the CDX API answers this status with an HTML page.</summary>
    public HttpStatusCode? CdxFault { get; set; }

    /// <summary>Delay before the availability API answers (to exceed a client's timeout).</summary>
    public TimeSpan AvailabilityDelay { get; set; }

    public IReadOnlyList<SimulatedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The <c>url</c> form value of every POST /save, in order.</summary>
    public IReadOnlyList<string> SaveRequests =>
        [.. Requests.Where(r => r.Method == "POST" && r.Path == "/save").Select(r => r.Form.GetValueOrDefault("url", string.Empty))];

    public static async Task<WaybackSimulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        // The port is known only once Kestrel listens; nobody can send a request before it is returned.
        WaybackSimulator? simulator = null;
        app.Run(context => simulator!.HandleAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        simulator = new WaybackSimulator(app, address);
        return simulator;
    }

    /// <summary>Save Page Now answers 401 unless <c>Authorization: LOW access:secret</c> matches.</summary>
    public void RequireKeys(string accessKey, string secretKey)
    {
        lock (_gate)
        {
            _keys = (accessKey, secretKey);
        }
    }

    /// <summary>Adds a capture of exactly <paramref name="url"/> taken at <paramref name="timestamp"/>.</summary>
    public void AddCapture(string url, string timestamp, CaptureVisibility visibility = CaptureVisibility.AvailabilityAndCdx, int statusCode = 200)
    {
        lock (_gate)
        {
            _captures.Add(new Capture(url, timestamp, visibility, statusCode));
        }
    }

    public void SetSaveBehaviour(string url, SaveBehaviour behaviour)
    {
        lock (_gate)
        {
            _saveBehaviours[url] = behaviour;
        }
    }

    /// <summary>The playback URL the simulator gives for a capture.</summary>
    public string PlaybackUrl(string timestamp, string url) => $"{BaseUrl}/web/{timestamp}/{url}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))
            {
                form[key] = value.ToString();
            }
        }

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        lock (_gate)
        {
            _requests.Add(new SimulatedRequest(request.Method, rawTarget, request.Path.Value ?? string.Empty, query, form,
                request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
                request.Headers.Accept.Count > 0 ? request.Headers.Accept.ToString() : null));
        }

        var path = request.Path.Value ?? string.Empty;
        switch (path)
        {
            case "/wayback/available" when HttpMethods.IsGet(request.Method):
                await AvailableAsync(context, query).ConfigureAwait(false);
                return;
            case "/cdx/search/cdx" when HttpMethods.IsGet(request.Method):
                await CdxAsync(context, query).ConfigureAwait(false);
                return;
            case "/save" when HttpMethods.IsPost(request.Method):
                await SaveAsync(context, form).ConfigureAwait(false);
                return;
            case "/save/status/user" when HttpMethods.IsGet(request.Method):
                await UserStatusAsync(context).ConfigureAwait(false);
                return;
        }

        if (path.StartsWith("/save/status/", StringComparison.Ordinal) && HttpMethods.IsGet(request.Method))
        {
            await JobStatusAsync(context, path["/save/status/".Length..]).ConfigureAwait(false);
            return;
        }

        if (path.StartsWith("/web/", StringComparison.Ordinal) && HttpMethods.IsGet(request.Method))
        {
            await PlaybackAsync(context, rawTarget).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task AvailableAsync(HttpContext context, Dictionary<string, string> query)
    {
        if (AvailabilityDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(AvailabilityDelay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (AvailabilityFault is { } fault)
        {
            await ErrorPageAsync(context, fault).ConfigureAwait(false);
            return;
        }

        var url = query.GetValueOrDefault("url", string.Empty);
        Capture? closest;
        lock (_gate)
        {
            closest = _captures
                .Where(c => c.Url == url && c.Visibility != CaptureVisibility.CdxOnly)
                .OrderByDescending(c => c.Timestamp, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        object snapshots = closest is null
            ? new { }
            : new
            {
                closest = new
                {
                    status = closest.StatusCode.ToString(CultureInfo.InvariantCulture),
                    available = true,
                    url = PlaybackUrl(closest.Timestamp, closest.Url),
                    timestamp = closest.Timestamp,
                },
            };
        await JsonAsync(context, StatusCodes.Status200OK, new { url, archived_snapshots = snapshots }).ConfigureAwait(false);
    }

    private async Task CdxAsync(HttpContext context, Dictionary<string, string> query)
    {
        if (CdxFault is { } fault)
        {
            await ErrorPageAsync(context, fault).ConfigureAwait(false);
            return;
        }

        if (query.GetValueOrDefault("output") != "json")
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("The simulator answers output=json only.").ConfigureAwait(false);
            return;
        }

        var url = query.GetValueOrDefault("url", string.Empty);
        var fields = query.TryGetValue("fl", out var fl) ? fl.Split(',', StringSplitOptions.RemoveEmptyEntries) : AllCdxFields;
        var filters = context.Request.Query["filter"].Select(f => CdxFilter.Parse(f!)).ToList();
        List<Capture> rows;
        lock (_gate)
        {
            rows = [.. _captures
                .Where(c => c.Url == url && c.Visibility != CaptureVisibility.AvailabilityOnly)
                .Where(c => filters.All(f => f.Accepts(c)))
                .OrderBy(c => c.Timestamp, StringComparer.Ordinal)];
        }

        if (query.TryGetValue("limit", out var limitText) && int.TryParse(limitText, CultureInfo.InvariantCulture, out var limit) && limit != 0)
        {
            // A negative limit takes the last rows, as the CDX server does.
            rows = limit > 0 ? [.. rows.Take(limit)] : [.. rows.TakeLast(-limit)];
        }

        var table = rows.Count == 0
            ? []
            : new List<string[]> { fields }.Concat(rows.Select(c => fields.Select(c.Field).ToArray())).ToList();
        await JsonAsync(context, StatusCodes.Status200OK, table).ConfigureAwait(false);
    }

    private async Task SaveAsync(HttpContext context, Dictionary<string, string> form)
    {
        if (!Authorized(context))
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, new { status = "error", status_ext = "error:unauthorized", message = "You need to be logged in to use Save Page Now." }).ConfigureAwait(false);
            return;
        }

        // Without Accept: application/json Save Page Now answers with its HTML page.
        if (!context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Saving page now...</body></html>").ConfigureAwait(false);
            return;
        }

        var url = form.GetValueOrDefault("url", string.Empty);
        SaveBehaviour behaviour;
        string jobId;
        lock (_gate)
        {
            behaviour = _saveBehaviours.GetValueOrDefault(url, DefaultSaveBehaviour);
            if (DailyCaptures >= DailyCapturesLimit)
            {
                behaviour = SaveBehaviour.RefuseWithMessage(HttpStatusCode.OK, string.Format(CultureInfo.InvariantCulture, DailyLimitMessageFormat, DailyCapturesLimit));
            }

            jobId = $"spn2-{++_jobCounter:x40}";
            if (behaviour.Kind is SaveBehaviourKind.Succeed or SaveBehaviourKind.FailJob)
            {
                DailyCaptures++;
                _jobs[jobId] = new Job(url, behaviour) { PollsLeft = behaviour.PendingPolls };
            }
        }

        switch (behaviour.Kind)
        {
            case SaveBehaviourKind.Refuse:
                await JsonAsync(context, StatusCodes.Status200OK, new { status = "error", status_ext = behaviour.StatusExt, message = behaviour.Message }).ConfigureAwait(false);
                return;
            case SaveBehaviourKind.RefuseWithMessage:
                await JsonAsync(context, (int)behaviour.StatusCode, new { status = "error", message = behaviour.Message }).ConfigureAwait(false);
                return;
            case SaveBehaviourKind.TooManyRequests:
                context.Response.Headers.RetryAfter = behaviour.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>Too Many Requests</body></html>").ConfigureAwait(false);
                return;
            default:
                await JsonAsync(context, StatusCodes.Status200OK, new { url, job_id = jobId }).ConfigureAwait(false);
                return;
        }
    }

    private async Task JobStatusAsync(HttpContext context, string jobId)
    {
        if (!Authorized(context))
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, new { status = "error", status_ext = "error:unauthorized", message = "You need to be logged in to use Save Page Now." }).ConfigureAwait(false);
            return;
        }

        object answer;
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                answer = new { status = "error", status_ext = "error:job-failed", job_id = jobId, message = "Job not found." };
            }
            else if (job.PollsLeft > 0)
            {
                job.PollsLeft--;
                answer = new { status = "pending", job_id = jobId, resources = Array.Empty<string>() };
            }
            else if (job.Behaviour.Kind == SaveBehaviourKind.FailJob)
            {
                answer = new { status = "error", status_ext = job.Behaviour.StatusExt, job_id = jobId, message = job.Behaviour.Message };
            }
            else
            {
                if (!job.Done)
                {
                    job.Done = true;
                    _captures.Add(new Capture(job.Url, job.Behaviour.Timestamp!, CaptureVisibility.AvailabilityAndCdx, 200));
                }

                answer = new { status = "success", job_id = jobId, original_url = job.Url, timestamp = job.Behaviour.Timestamp, duration_sec = 1.5, resources = new[] { job.Url } };
            }
        }

        await JsonAsync(context, StatusCodes.Status200OK, answer).ConfigureAwait(false);
    }

    private async Task UserStatusAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, new { status = "error", status_ext = "error:unauthorized", message = "You need to be logged in to use Save Page Now." }).ConfigureAwait(false);
            return;
        }

        object answer;
        lock (_gate)
        {
            var processing = _jobs.Values.Count(j => j.PollsLeft > 0);
            answer = new { available = AvailableSessions, processing, daily_captures = DailyCaptures, daily_captures_limit = DailyCapturesLimit };
        }

        await JsonAsync(context, StatusCodes.Status200OK, answer).ConfigureAwait(false);
    }

    private async Task PlaybackAsync(HttpContext context, string rawTarget)
    {
        // /web/<timestamp>/<original>: the original is everything after the timestamp, query included, as sent.
        var match = Regex.Match(rawTarget, "^/web/(?<ts>[0-9]{1,14})/(?<url>.+)$", RegexOptions.Singleline);
        Capture? capture = null;
        if (match.Success)
        {
            lock (_gate)
            {
                capture = _captures.FirstOrDefault(c => c.Url == match.Groups["url"].Value && c.Timestamp == match.Groups["ts"].Value);
            }
        }

        if (capture is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<!doctype html><title>Archived</title><p>Capture of {WebUtility.HtmlEncode(capture.Url)} at {capture.Timestamp}.</p>").ConfigureAwait(false);
    }

    private bool Authorized(HttpContext context)
    {
        lock (_gate)
        {
            return _keys is not { } keys || context.Request.Headers.Authorization.ToString() == $"LOW {keys.Access}:{keys.Secret}";
        }
    }

    private static async Task ErrorPageAsync(HttpContext context, HttpStatusCode status)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync($"<html><body><h1>{(int)status}</h1></body></html>").ConfigureAwait(false);
    }

    private static async Task JsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body)).ConfigureAwait(false);
    }

    private sealed record Capture(string Url, string Timestamp, CaptureVisibility Visibility, int StatusCode)
    {
        public string Field(string name) => name switch
        {
            "urlkey" => Url,
            "timestamp" => Timestamp,
            "original" => Url,
            "mimetype" => "text/html",
            "statuscode" => StatusCode.ToString(CultureInfo.InvariantCulture),
            "digest" => "SIMULATEDDIGEST",
            "length" => "100",
            _ => "-",
        };
    }

    private sealed class Job(string url, SaveBehaviour behaviour)
    {
        public string Url { get; } = url;

        public SaveBehaviour Behaviour { get; } = behaviour;

        public int PollsLeft { get; set; }

        public bool Done { get; set; }
    }

    /// <summary>A CDX <c>filter=[!]field:regex</c>.</summary>
    private sealed record CdxFilter(string Field, Regex Pattern, bool Negated)
    {
        public static CdxFilter Parse(string text)
        {
            var negated = text.StartsWith('!');
            var body = negated ? text[1..] : text;
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            return new CdxFilter(body[..colon], new Regex("^(?:" + body[(colon + 1)..] + ")$"), negated);
        }

        public bool Accepts(Capture capture) => Pattern.IsMatch(capture.Field(Field)) != Negated;
    }
}
