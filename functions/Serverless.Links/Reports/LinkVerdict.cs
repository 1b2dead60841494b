using Serverless.Links.Archive;
using Serverless.Links.Checking;

namespace Serverless.Links.Reports;

/// <summary>What a report says of one checked URL: this run's check, the link's history and its archived copy.</summary>
public sealed record LinkVerdict
{
    public required LinkStatus Status { get; init; }
    public int? HttpStatus { get; init; }
    public string? FinalUrl { get; init; }
    public string? Detail { get; init; }
    public IReadOnlyList<RedirectHop> Redirects { get; init; } = [];
    public bool InsecureRedirect { get; init; }
    public DateTimeOffset CheckedAt { get; init; }
    /// <summary>Dead: failed <see cref="History.LinkHistoryOptions.DeadAfterFailures"/> consecutive checks spread over time.</summary>
    public bool Dead { get; init; }
    public int ConsecutiveFailures { get; init; }
    public ArchiveOutcome? ArchiveOutcome { get; init; }
    public string? ArchiveUrl { get; init; }
}
