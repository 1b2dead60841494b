namespace Serverless.Links.Ports;

/// <summary>
/// What one request of a link check got: an HTTP status with the few headers the checker reads and the start of the
/// body, or a <see cref="Failure"/> and no status.
/// </summary>
public sealed record LinkResponse
{
    /// <summary>Response headers copied into <see cref="Headers"/>, besides those with their own property: the ones
    /// that tell a bot wall from a real answer.</summary>
    public static readonly IReadOnlyList<string> ReportedHeaderNames = ["cf-mitigated", "server", "x-amzn-waf-action"];

    /// <summary>The HTTP status code; 0 when <see cref="Failure"/> is set.</summary>
    public int StatusCode { get; init; }

    /// <summary>Why there is no response; null when there is one.</summary>
    public LinkTransportFailure? Failure { get; init; }

    /// <summary>What went wrong, for <see cref="Failure"/>: a short sentence (for a blocked address, the policy's reason).</summary>
    public string? FailureMessage { get; init; }

    /// <summary>The Location header as sent (decoded as UTF-8, not resolved), or null.</summary>
    public string? Location { get; init; }

    /// <summary>The Retry-After header as sent (seconds or an HTTP-date), or null.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Each Set-Cookie header as sent.</summary>
    public IReadOnlyList<string> SetCookies { get; init; } = [];

    /// <summary>The Content-Type header as sent, or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>Those of <see cref="ReportedHeaderNames"/> that were present, by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The first bytes of a textual body (GET only), decoded; null when none was read.</summary>
    public string? Body { get; init; }

    /// <summary>A response with no HTTP answer.</summary>
    public static LinkResponse Failed(LinkTransportFailure failure, string message) =>
        new() { Failure = failure, FailureMessage = message };

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
