using Serverless.Links.Checking;

namespace Serverless.Links.Reports;

/// <summary>The head of a report: where it came from, its progress and its counts.</summary>
public sealed record ReportSummary
{
    public required Guid Id { get; init; }
    public required ReportState State { get; init; }
    /// <summary><c>upload</c>, <c>url</c> or <c>tender</c>.</summary>
    public required string SourceKind { get; init; }
    /// <summary>The uploaded file's name, the page URL or the tender id.</summary>
    public string? SourceName { get; init; }
    /// <summary><c>html</c>, <c>wxr</c>, <c>markdown</c>, <c>text</c> or <c>tender</c>.</summary>
    public string? DocumentKind { get; init; }
    public string? BaseUrl { get; init; }
    public Guid? TenderId { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int Documents { get; init; }
    public int Links { get; init; }
    /// <summary>Distinct URLs to check.</summary>
    public int Urls { get; init; }
    public int UrlsChecked { get; init; }
    /// <summary>Checked URLs by status (statuses with no URL are absent).</summary>
    public IReadOnlyDictionary<LinkStatus, int> ByStatus { get; init; } = new Dictionary<LinkStatus, int>();
    /// <summary>Links listed but not checked (internal, mailto:...).</summary>
    public int NotChecked { get; init; }
    public int Dead { get; init; }
    public int Archived { get; init; }
}
