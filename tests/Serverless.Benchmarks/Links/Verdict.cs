namespace Serverless.Benchmarks.Links;

/// <summary>
/// The common ground of both checkers' verdicts, what a reader of a report acts on. Ours has more statuses and
/// linkinator fewer (OK, BROKEN, SKIPPED plus the status code), so both are mapped onto these (<see cref="Verdicts"/>).
/// </summary>
internal enum Verdict
{
    /// <summary>2xx at once.</summary>
    Ok,
    /// <summary>2xx at the end of redirects.</summary>
    RedirectOk,
    /// <summary>The page is not there (4xx, no such host, no connection).</summary>
    Broken,
    /// <summary>5xx.</summary>
    ServerError,
    /// <summary>Not checked, or the answer says nothing about the page (a bot wall, rate limiting).</summary>
    Skipped,
}
