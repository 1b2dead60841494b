using Serverless.Links.Checking;

namespace Serverless.Links.History;

/// <summary>What is known of a URL across all reports and re-checks.</summary>
public sealed record LinkHistoryEntry
{
    public required string Url { get; init; }
    public DateTimeOffset FirstSeen { get; init; }
    public DateTimeOffset? LastChecked { get; init; }
    public LinkStatus? LastStatus { get; init; }
    public int? LastHttpStatus { get; init; }
    public int ConsecutiveFailures { get; init; }
    /// <summary>When the last counted failure was (null after a success).</summary>
    public DateTimeOffset? LastFailureAt { get; init; }
    public bool Dead { get; init; }
    public string? ArchiveUrl { get; init; }
    public DateTimeOffset? NextCheckAt { get; init; }
}
