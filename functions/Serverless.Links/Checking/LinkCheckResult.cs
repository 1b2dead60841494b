namespace Serverless.Links.Checking;

/// <summary>What one check of one URL found.</summary>
public sealed record LinkCheckResult
{
    /// <summary>The URL checked, exactly as given.</summary>
    public required string Url { get; init; }
    public required LinkStatus Status { get; init; }
    /// <summary>The final HTTP status code, when a response was received.</summary>
    public int? HttpStatus { get; init; }
    /// <summary>The URL that gave the final answer (differs from <see cref="Url"/> after redirects).</summary>
    public string? FinalUrl { get; init; }
    public IReadOnlyList<RedirectHop> Redirects { get; init; } = [];
    /// <summary>True when a redirect went from https to http (allowed, flagged).</summary>
    public bool InsecureRedirect { get; init; }
    /// <summary>A short human-readable reason (e.g. <c>HEAD 405, GET 200</c>, <c>DNS name not found</c>, <c>cf-mitigated: challenge</c>).</summary>
    public string? Detail { get; init; }
    /// <summary>Requests made, retries included.</summary>
    public int Attempts { get; init; }
    public DateTimeOffset CheckedAt { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether this check counts as a failure toward a link being dead (Link Fixer: 3 consecutive).
    /// Blocked, rate-limited and skipped say nothing about the page and do not count.</summary>
    public bool IsFailure => Status is LinkStatus.Broken or LinkStatus.ServerError or LinkStatus.Timeout or LinkStatus.TlsError;
}
