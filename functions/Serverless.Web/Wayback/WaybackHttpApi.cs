using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Serverless.Links.Archive;
using Serverless.Links.Ports;

namespace Serverless.Web.Wayback;

/// <summary>
/// <see cref="IWaybackApi"/> over HTTP: the availability API under <see cref="WaybackOptions.AvailabilityBaseUrl"/>,
/// CDX, Save Page Now 2 and playback under <see cref="WaybackOptions.WebBaseUrl"/>. One request per call, bounded by
/// <see cref="WaybackOptions.Timeout"/>; never retries. The looked-up URL travels as one escaped query (or form) value,
/// so <c>+</c>, <c>:</c>, <c>&amp;</c> and <c>%2F</c> arrive exactly as given.
/// </summary>
/// <remarks>
/// The base URLs are operator configuration, not user input, so this uses an ordinary HttpClient rather than the
/// private-address guard of <see cref="SafeHttpFetcher"/>.
/// </remarks>
internal sealed partial class WaybackHttpApi : IWaybackApi
{
    /// <summary>Bodies above this are not Wayback API answers; the client refuses to buffer more.</summary>
    internal const int MaxAnswerBytes = 1024 * 1024;

    /// <summary><c>status_ext</c> codes that mean the account's (or this URL's) capacity is used up for now.</summary>
    private static readonly HashSet<string> QuotaStatusCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "error:user-session-limit",
        "error:too-many-daily-captures",
        "error:max-daily-bandwidth",
        "error:max-daily-bandwidth-from-ip",
    };

    private readonly HttpClient _client;
    private readonly WaybackOptions _options;
    private readonly string _availabilityBase;
    private readonly string _webBase;

    public WaybackHttpApi(HttpClient client, IOptions<WaybackOptions> options)
    {
        _client = client;
        _options = options.Value;
        _availabilityBase = _options.AvailabilityBaseUrl.TrimEnd('/');
        _webBase = _options.WebBaseUrl.TrimEnd('/');
    }

    /// <summary>The message Save Page Now gives when the account's daily captures are used up (Link Fixer detects the same).</summary>
    [GeneratedRegex(@"cannot make more than [\d,.\s]+ captures per day", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DailyCapturesMessage();

    [GeneratedRegex(@"^\d{4,14}$")]
    private static partial Regex TimestampShape();

    public async Task<CaptureLookup> LookUpAvailabilityAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(_availabilityBase, "/wayback/available?url=" + Uri.EscapeDataString(url)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(request, "The availability API", cancellationToken).ConfigureAwait(false);
        if (LookupFailure(answer, "The availability API") is { } failure)
        {
            return failure;
        }

        // {"url": ..., "archived_snapshots": {"closest": {"available": true, "url": ..., "timestamp": ..., "status": "200"}}}
        var root = answer.Json!.Value;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("archived_snapshots", out var snapshots) || snapshots.ValueKind != JsonValueKind.Object)
        {
            return CaptureLookup.Failed("The availability API's answer has no archived_snapshots object.");
        }

        if (!snapshots.TryGetProperty("closest", out var closest) || closest.ValueKind != JsonValueKind.Object
            || !(closest.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.True))
        {
            return CaptureLookup.NotFound();
        }

        // A capture of an error page is no copy of the page.
        if (Text(closest, "status") is { Length: > 0 } status && status[0] is '4' or '5')
        {
            return CaptureLookup.NotFound();
        }

        if (Text(closest, "timestamp") is not { } timestamp || !TimestampShape().IsMatch(timestamp))
        {
            return CaptureLookup.Failed("The availability API's closest capture has no usable timestamp.");
        }

        // The capture may be of a variant (http/https, trailing slash): its playback URL names the URL as archived.
        var original = OriginalFromPlayback(Text(closest, "url"), timestamp) ?? url;
        return CaptureLookup.Found(Capture(timestamp, original));
    }

    public async Task<CaptureLookup> LookUpCdxAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);

        // limit=-1 with fastLatest asks for the latest row only; only 200 captures are copies of the page.
        var query = "/cdx/search/cdx?url=" + Uri.EscapeDataString(url)
            + "&output=json&fl=timestamp,original,statuscode&filter=statuscode:200&limit=-1&fastLatest=true";
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(_webBase, query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(request, "The CDX index", cancellationToken).ConfigureAwait(false);

        // No rows is [] in the JSON form; an empty body is read the same way rather than as an unreadable answer.
        if (answer is { Failure: null, Status: HttpStatusCode.OK } && string.IsNullOrWhiteSpace(answer.Body))
        {
            return CaptureLookup.NotFound();
        }

        if (LookupFailure(answer, "The CDX index") is { } failure)
        {
            return failure;
        }

        // [["timestamp","original","statuscode"], ["20140101000000","http://example.org/","200"], ...]
        var root = answer.Json!.Value;
        if (root.ValueKind != JsonValueKind.Array)
        {
            return CaptureLookup.Failed("The CDX index's answer is not a JSON array.");
        }

        var rows = root.EnumerateArray().ToList();
        if (rows.Count < 2)
        {
            return CaptureLookup.NotFound();
        }

        if (rows[0].ValueKind != JsonValueKind.Array || rows[^1].ValueKind != JsonValueKind.Array)
        {
            return CaptureLookup.Failed("The CDX index's answer is not an array of rows.");
        }

        var header = rows[0].EnumerateArray().Select(h => h.ValueKind == JsonValueKind.String ? h.GetString() : null).ToList();
        var last = rows[^1].EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList();
        var timestampAt = header.IndexOf("timestamp");
        var originalAt = header.IndexOf("original");
        if (timestampAt < 0 || timestampAt >= last.Count || last[timestampAt] is not { } timestamp || !TimestampShape().IsMatch(timestamp))
        {
            return CaptureLookup.Failed("The CDX index's row has no usable timestamp.");
        }

        var original = originalAt >= 0 && originalAt < last.Count && !string.IsNullOrEmpty(last[originalAt]) ? last[originalAt]! : url;
        return CaptureLookup.Found(Capture(timestamp, original));
    }

    public async Task<SaveCapacityReply> GetSaveCapacityAsync(CancellationToken cancellationToken)
    {
        using var request = SaveRequest(HttpMethod.Get, "/save/status/user");
        var answer = await SendAsync(request, "Save Page Now", cancellationToken).ConfigureAwait(false);
        if (answer.Failure is { } failure)
        {
            return SaveCapacityReply.Failed(failure);
        }

        if (answer.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return SaveCapacityReply.Failed(KeysRefused(answer));
        }

        if (answer.Status != HttpStatusCode.OK || answer.Json is not { } root)
        {
            return SaveCapacityReply.Failed(Unexpected("Save Page Now's account status", answer));
        }

        // {"available": 3, "processing": 0, "daily_captures": 49, "daily_captures_limit": 30000}
        var available = Number(root, "available");
        var processing = Number(root, "processing") ?? 0;
        var daily = Number(root, "daily_captures") ?? 0;
        var limit = Number(root, "daily_captures_limit") ?? 0;
        return available is { } free
            ? SaveCapacityReply.Answered(new SaveCapacity(free, processing, daily, limit))
            : SaveCapacityReply.Failed("Save Page Now's account status has no 'available' count.");
    }

    public async Task<SaveJobReply> RequestSaveAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = SaveRequest(HttpMethod.Post, "/save");

        // skip_first_archive: we never use the "first capture" flag, and SPN2 says skipping it makes captures faster.
        request.Content = new FormUrlEncodedContent([new("url", url), new("skip_first_archive", "1")]);
        var answer = await SendAsync(request, "Save Page Now", cancellationToken).ConfigureAwait(false);
        return Interpret(answer, jobId: null);
    }

    public async Task<SaveJobReply> GetSaveStatusAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        using var request = SaveRequest(HttpMethod.Get, "/save/status/" + Uri.EscapeDataString(jobId));
        var answer = await SendAsync(request, "Save Page Now", cancellationToken).ConfigureAwait(false);
        return Interpret(answer, jobId);
    }

    /// <summary>Reads a <c>/save</c> or <c>/save/status/&lt;job&gt;</c> answer; <paramref name="jobId"/> is null for <c>/save</c>.</summary>
    private SaveJobReply Interpret(Answer answer, string? jobId)
    {
        if (answer.Failure is { } failure)
        {
            return new SaveJobReply(SaveJobState.Unreachable, jobId, Detail: failure);
        }

        var message = answer.Json is { } document ? Text(document, "message") : null;
        if (answer.Status == HttpStatusCode.TooManyRequests)
        {
            var retry = answer.RetryAfter is { } after ? $" (Retry-After {after})" : string.Empty;
            return new SaveJobReply(SaveJobState.QuotaExceeded, jobId, Detail: $"Save Page Now answered 429 Too Many Requests{retry}.");
        }

        // The daily-captures refusal has come both as JSON and as a page, under several status codes: its text decides.
        if (DailyCapturesMessage().Match(message ?? answer.Body ?? string.Empty) is { Success: true } quota)
        {
            return new SaveJobReply(SaveJobState.QuotaExceeded, jobId, Detail: message ?? quota.Value);
        }

        if (answer.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new SaveJobReply(SaveJobState.Failed, jobId, Detail: KeysRefused(answer));
        }

        if ((int)answer.Status >= 500)
        {
            return new SaveJobReply(SaveJobState.Unreachable, jobId, Detail: Unexpected("Save Page Now", answer));
        }

        if (answer.Json is not { } root)
        {
            return new SaveJobReply((int)answer.Status is >= 200 and <= 299 ? SaveJobState.Unreachable : SaveJobState.Failed, jobId,
                Detail: Unexpected("Save Page Now", answer));
        }

        var givenJob = Text(root, "job_id") ?? jobId;
        var status = Text(root, "status");
        if (string.Equals(status, "error", StringComparison.OrdinalIgnoreCase))
        {
            var code = Text(root, "status_ext");
            var detail = code is null ? message ?? "error" : $"{code}: {message}";
            var state = code is not null && QuotaStatusCodes.Contains(code) ? SaveJobState.QuotaExceeded : SaveJobState.Failed;
            return new SaveJobReply(state, givenJob, Detail: detail);
        }

        if ((int)answer.Status is < 200 or > 299)
        {
            return new SaveJobReply(SaveJobState.Failed, givenJob, Detail: Unexpected("Save Page Now", answer));
        }

        if (string.Equals(status, "success", StringComparison.OrdinalIgnoreCase))
        {
            var timestamp = Text(root, "timestamp");
            var original = Text(root, "original_url");
            return timestamp is not null && TimestampShape().IsMatch(timestamp) && !string.IsNullOrEmpty(original)
                ? new SaveJobReply(SaveJobState.Succeeded, givenJob, Capture(timestamp, original), message)
                : new SaveJobReply(SaveJobState.Unreachable, givenJob, Detail: "Save Page Now reported success without timestamp and original_url.");
        }

        // A fresh request answers {"url", "job_id"[, "message"]}; a running job {"status": "pending", ...}.
        if (givenJob is not null && (status is null || string.Equals(status, "pending", StringComparison.OrdinalIgnoreCase)))
        {
            return new SaveJobReply(SaveJobState.Pending, givenJob, Detail: message);
        }

        return new SaveJobReply(SaveJobState.Unreachable, givenJob, Detail: Unexpected("Save Page Now", answer));
    }

    private HttpRequestMessage SaveRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, Address(_webBase, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // Without keys the archive answers 401; the policy does not call here then, but a request must not go out half-made.
        if (_options.HasKeys)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("LOW", $"{_options.AccessKey}:{_options.SecretKey}");
        }

        return request;
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request, string service, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            JsonElement? json = null;
            if (body.Length > 0)
            {
                try
                {
                    // Cloned so the answer owns no pooled buffers and needs no disposing.
                    using var document = JsonDocument.Parse(body);
                    json = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not JSON: an HTML error page, typically. The body and status still tell what happened.
                }
            }

            return new Answer(response.StatusCode, response.ReasonPhrase, body, json, response.Headers.RetryAfter, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Answer.Failed($"{service} did not answer within {_options.Timeout} ({WaybackOptions.SectionName}:Timeout).");
        }
        catch (HttpRequestException e)
        {
            return Answer.Failed($"{service} could not be reached: {e.HttpRequestError}: {e.Message}");
        }
        catch (IOException e)
        {
            return Answer.Failed($"{service} could not be reached: {e.Message}");
        }
    }

    private static CaptureLookup? LookupFailure(Answer answer, string service)
    {
        if (answer.Failure is { } failure)
        {
            return CaptureLookup.Failed(failure);
        }

        if (answer.Status != HttpStatusCode.OK || answer.Json is null)
        {
            return CaptureLookup.Failed(Unexpected(service, answer));
        }

        return null;
    }

    private WaybackCapture Capture(string timestamp, string original) =>
        new(timestamp, original, $"{_webBase}/web/{timestamp}/{original}");

    /// <summary>The original URL inside a playback URL <c>.../web/&lt;timestamp&gt;/&lt;original&gt;</c>, or null.</summary>
    private static string? OriginalFromPlayback(string? playback, string timestamp)
    {
        if (playback is null)
        {
            return null;
        }

        var marker = $"/web/{timestamp}/";
        var at = playback.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 || at + marker.Length >= playback.Length ? null : playback[(at + marker.Length)..];
    }

    /// <summary>The request URI. Values in <paramref name="pathAndQuery"/> are escaped with <c>Uri.EscapeDataString</c>,
    /// which leaves only unreserved characters bare, and Uri keeps escaped reserved characters as they are.</summary>
    private static Uri Address(string baseUrl, string pathAndQuery) => new(baseUrl + pathAndQuery, UriKind.Absolute);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static int? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        } : null;

    private static string KeysRefused(Answer answer) =>
        $"Save Page Now refused the access keys ({(int)answer.Status} {answer.Reason}); check {WaybackOptions.SectionName}:AccessKey and {WaybackOptions.SectionName}:SecretKey.";

    private static string Unexpected(string service, Answer answer)
    {
        var text = answer.Json is { } json ? Text(json, "message") : null;
        text ??= answer.Body is { Length: > 0 } body ? Shorten(body) : null;
        return $"{service} answered {(int)answer.Status} {answer.Reason}{(text is null ? "." : $": {text}")}";
    }

    private static string Shorten(string body)
    {
        var flat = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }

    /// <summary>One HTTP exchange: the answer, or the transport failure.</summary>
    private sealed record Answer(HttpStatusCode Status, string? Reason, string? Body, JsonElement? Json, RetryConditionHeaderValue? RetryAfter, string? Failure)
    {
        public static Answer Failed(string failure) => new(0, null, null, null, null, failure);
    }
}
