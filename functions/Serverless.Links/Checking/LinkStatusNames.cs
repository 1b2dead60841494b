namespace Serverless.Links.Checking;

/// <summary>The wire spelling of <see cref="LinkStatus"/> (JSON, CSV, query strings, the database): kebab-case.</summary>
public static class LinkStatusNames
{
    /// <summary>All statuses in report order: problems first.</summary>
    public static IReadOnlyList<LinkStatus> ReportOrder { get; } =
    [
        LinkStatus.Broken, LinkStatus.ServerError, LinkStatus.Timeout, LinkStatus.TlsError, LinkStatus.Blocked,
        LinkStatus.RateLimited, LinkStatus.Skipped, LinkStatus.Redirected, LinkStatus.Ok,
    ];

    public static string ToName(this LinkStatus status) => status switch
    {
        LinkStatus.Ok => "ok",
        LinkStatus.Redirected => "redirected",
        LinkStatus.Broken => "broken",
        LinkStatus.Blocked => "blocked",
        LinkStatus.RateLimited => "rate-limited",
        LinkStatus.ServerError => "server-error",
        LinkStatus.Timeout => "timeout",
        LinkStatus.TlsError => "tls-error",
        LinkStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out LinkStatus status)
    {
        foreach (var candidate in ReportOrder)
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
