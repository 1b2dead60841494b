namespace Serverless.Links.Reports;

/// <summary>A report to create, with where its links come from.</summary>
public sealed record NewReport
{
    public required Guid Id { get; init; }
    /// <summary><c>upload</c>, <c>url</c> or <c>tender</c>.</summary>
    public required string SourceKind { get; init; }
    public string? SourceName { get; init; }
    /// <summary><c>html</c>, <c>wxr</c>, <c>markdown</c>, <c>text</c> or <c>tender</c>.</summary>
    public required string DocumentKind { get; init; }
    /// <summary>Object key of the stored source document (null for tender reports, read from the tender record).</summary>
    public string? SourceKey { get; init; }
    public string? BaseUrl { get; init; }
    public Guid? TenderId { get; init; }
}
