namespace Serverless.Links.Checking;

/// <summary>The verdict of one check. A value, never an exception. JSON/CSV spell these in kebab-case
/// (<c>ok</c>, <c>redirected</c>, <c>broken</c>, <c>blocked</c>, <c>rate-limited</c>, <c>server-error</c>, <c>timeout</c>,
/// <c>tls-error</c>, <c>skipped</c>).</summary>
public enum LinkStatus
{
    /// <summary>2xx without redirects.</summary>
    Ok,
    /// <summary>2xx at the end of one or more redirects.</summary>
    Redirected,
    /// <summary>404, 410, DNS name not found, connection refused...: the page is not there.</summary>
    Broken,
    /// <summary>403 bot walls, LinkedIn's 999, challenge pages, redirect loops from bot walls: we cannot tell.</summary>
    Blocked,
    /// <summary>429 after the allowed retries.</summary>
    RateLimited,
    /// <summary>5xx after the allowed retries.</summary>
    ServerError,
    Timeout,
    TlsError,
    /// <summary>Not checked, see the result's detail (excluded, private address refused, not http...).</summary>
    Skipped,
}
