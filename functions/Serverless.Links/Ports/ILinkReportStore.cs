using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;
using Serverless.Links.History;
using Serverless.Links.Reports;

namespace Serverless.Links.Ports;

/// <summary>
/// Reports, their links and the links' history, implemented by the PostgreSQL adapter. Each method that moves a report on
/// enqueues the next step's message (see <see cref="ReportQueues"/>) in the same transaction as the state it writes.
/// </summary>
public interface ILinkReportStore
{
    /// <summary>Creates the report in state queued and enqueues its <see cref="ReportQueues.Extract"/> message.</summary>
    Task CreateAsync(NewReport report, CancellationToken cancellationToken);

    Task<ReportSummary?> GetSummaryAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Only the report's state and error, without the counts <see cref="GetSummaryAsync"/> aggregates; null when
    /// there is no such report.</summary>
    Task<(ReportState State, string? Error)?> GetStateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Where the report's links come from, for the extract step; null when there is no such report.</summary>
    Task<NewReport?> GetSourceAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Stores every document and link (replacing anything a failed earlier attempt left), plans the distinct URLs into
    /// chunks, sets the report to checking and enqueues one <see cref="ReportQueues.Check"/> message per chunk — or, with
    /// nothing to check, sets it to writing and enqueues <see cref="ReportQueues.Write"/>. One transaction: all or nothing.
    /// Does nothing and returns false when the report is past extraction (a redelivered message).
    /// </summary>
    Task<bool> SaveExtractionAsync(Guid id, IEnumerable<ExtractedDocument> documents, ReportPlan plan, CancellationToken cancellationToken);

    /// <summary>Sets the report to failed with a reason for the user (the document could not be read).</summary>
    Task MarkFailedAsync(Guid id, string error, CancellationToken cancellationToken);

    /// <summary>The URLs of a chunk still to check, or checked but still to archive (broken or dead, no archive outcome yet).</summary>
    Task<IReadOnlyList<PendingUrl>> GetPendingAsync(Guid id, int chunk, CancellationToken cancellationToken);

    /// <summary>Records a check for the report and applies it to the URL's history (one transaction); returns the new history.</summary>
    Task<LinkHistoryEntry> RecordCheckAsync(Guid id, LinkCheckResult check, LinkHistoryOptions rules, CancellationToken cancellationToken);

    /// <summary>Records the archive step for the report's URL and, when it found a copy, in the URL's history.</summary>
    Task RecordArchiveAsync(Guid id, ArchiveResult archive, CancellationToken cancellationToken);

    /// <summary>Marks the chunk done; the last chunk sets the report to writing and enqueues <see cref="ReportQueues.Write"/>.
    /// Idempotent.</summary>
    Task CompleteChunkAsync(Guid id, int chunk, CancellationToken cancellationToken);

    /// <summary>The report's documents with their links and verdicts, in document order, streamed.</summary>
    IAsyncEnumerable<ReportDocument> ReadDocumentsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A page of the report's links, optionally only those whose check has <paramref name="status"/>.</summary>
    Task<LinkPage> GetLinksAsync(Guid id, LinkStatus? status, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Sets a report in state writing to done.</summary>
    Task MarkDoneAsync(Guid id, CancellationToken cancellationToken);
}
