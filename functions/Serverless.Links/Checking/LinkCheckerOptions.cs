namespace Serverless.Links.Checking;

/// <summary>
/// Politeness, limits and retries of <see cref="LinkChecker"/>, bound from the <c>LinkChecker</c> configuration section.
/// Defaults follow lychee's where it has one. Keys: <c>LinkChecker:MaxConcurrency</c>, <c>HostConcurrency</c>,
/// <c>HostRequestInterval</c>, <c>MaxRedirects</c>, <c>MaxRetries</c>, <c>RetryDelay</c>, <c>MaxRetryAfter</c>,
/// <c>Timeout</c>, <c>MaxBodyBytes</c>, <c>UserAgent</c> (time spans written like <c>00:00:20</c>).
/// </summary>
public sealed class LinkCheckerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "LinkChecker";

    /// <summary>Default for <see cref="MaxConcurrency"/> (lychee <c>--max-concurrency</c>).</summary>
    public const int DefaultMaxConcurrency = 128;

    /// <summary>Default for <see cref="HostConcurrency"/> (lychee <c>--host-concurrency</c>).</summary>
    public const int DefaultHostConcurrency = 10;

    /// <summary>Default for <see cref="MaxRedirects"/> (lychee <c>--max-redirects</c>).</summary>
    public const int DefaultMaxRedirects = 10;

    /// <summary>Default for <see cref="MaxRetries"/> (lychee <c>--max-retries</c>).</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>Default for <see cref="MaxBodyBytes"/>: enough for the head of a challenge page.</summary>
    public const int DefaultMaxBodyBytes = 16 * 1024;

    /// <summary>Default for <see cref="UserAgent"/>: a current desktop browser's. Bot walls answer a checker's own
    /// name with 403 far more often than a browser's (lychee#799, lychee-action#282), which would say nothing of the page.</summary>
    public const string DefaultUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Default for <see cref="HostRequestInterval"/> (lychee <c>--host-request-interval</c>).</summary>
    public static readonly TimeSpan DefaultHostRequestInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Default for <see cref="RetryDelay"/> (lychee <c>--retry-wait-time</c>).</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default for <see cref="MaxRetryAfter"/>.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>Default for <see cref="Timeout"/> (lychee <c>--timeout</c>).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The most requests in flight at once in this process, all hosts and all runs together.</summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary>The most requests in flight at once to one host.</summary>
    public int HostConcurrency { get; set; } = DefaultHostConcurrency;

    /// <summary>The least time between the starts of two requests to one host. A host answering 429 or 503 gets a
    /// longer interval (doubled each time, up to 10 s), which shrinks back as it answers normally again.</summary>
    public TimeSpan HostRequestInterval { get; set; } = DefaultHostRequestInterval;

    /// <summary>The most redirects followed for one URL; a longer chain is reported as blocked.</summary>
    public int MaxRedirects { get; set; } = DefaultMaxRedirects;

    /// <summary>How many times a transient failure (timeout, reset connection, 429, 5xx) is retried; 0 never retries.</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>The wait before the first retry when the server gave no Retry-After; doubled for each further retry.</summary>
    public TimeSpan RetryDelay { get; set; } = DefaultRetryDelay;

    /// <summary>The longest Retry-After that is waited for. A longer one makes the result rate-limited at once, and the
    /// host's further URLs too until that time (at most an hour), without sending them.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = DefaultMaxRetryAfter;

    /// <summary>Time allowed for one request: connection, response headers and the body prefix.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The most body bytes read from a GET answer, to recognise challenge pages.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>The User-Agent header sent with every request.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;
}
