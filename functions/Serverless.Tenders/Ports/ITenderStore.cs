using Serverless.Tenders.Model;

namespace Serverless.Tenders.Ports;

/// <summary>
/// Tender metadata storage (PostgreSQL adapter). A record is keyed by our id and unique by the
/// SHA-256 of its original file.
/// </summary>
public interface ITenderStore
{
    /// <summary>The record whose original file has this SHA-256 (lower-case hex), or null.</summary>
    Task<TenderRecord?> FindBySha256Async(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the record with its document(s) in one transaction. When a record with the same
    /// original SHA-256 already exists (a concurrent ingestion won), nothing is written and that
    /// record is returned with <c>Created = false</c>.
    /// </summary>
    Task<(TenderRecord Record, bool Created)> InsertAsync(TenderRecord record, CancellationToken cancellationToken);

    Task<TenderRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<TenderPage> SearchAsync(TenderQuery query, CancellationToken cancellationToken);
}

/// <summary>Search filters; all given filters combine (AND). <see cref="Cpv"/> matches by prefix.</summary>
public sealed record TenderQuery
{
    public string? Cpv { get; init; }
    public string? Buyer { get; init; }
    public string? Country { get; init; }
    public DateTimeOffset? DeadlineFrom { get; init; }
    public DateTimeOffset? DeadlineTo { get; init; }
    /// <summary>Full text over title and description, in the record's language.</summary>
    public string? Text { get; init; }
    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

/// <summary>One page of search results.</summary>
public sealed record TenderPage(IReadOnlyList<TenderRecord> Items, int Page, int PageSize, long Total);
