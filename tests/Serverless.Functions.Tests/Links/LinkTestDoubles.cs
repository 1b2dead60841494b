using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;
using Serverless.Links.History;
using Serverless.Links.Ports;
using Serverless.Links.Reports;

namespace Serverless.Functions.Tests.Links;

/// <summary>The real checker, counting how often each URL is checked.</summary>
internal sealed class CountingChecker(ILinkChecker inner, ConcurrentDictionary<string, int> checks) : ILinkChecker
{
    public async IAsyncEnumerable<LinkCheckResult> CheckAllAsync(IEnumerable<string> urls, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var result in inner.CheckAllAsync(urls, cancellationToken))
        {
            checks.AddOrUpdate(result.Url, 1, (_, n) => n + 1);
            yield return result;
        }
    }
}

/// <summary>The real store, failing one check record as a dropped database connection would.</summary>
internal sealed class FailOnceStore(ILinkReportStore inner, Func<bool> failNow) : ILinkReportStore
{
    public Task<LinkHistoryEntry> RecordCheckAsync(Guid id, LinkCheckResult check, LinkHistoryOptions rules, CancellationToken cancellationToken) =>
        failNow() ? throw new IOException("Simulated: the connection to PostgreSQL was reset.") : inner.RecordCheckAsync(id, check, rules, cancellationToken);

    public Task CreateAsync(NewReport report, CancellationToken cancellationToken) => inner.CreateAsync(report, cancellationToken);

    public Task<ReportSummary?> GetSummaryAsync(Guid id, CancellationToken cancellationToken) => inner.GetSummaryAsync(id, cancellationToken);

    public Task<(ReportState State, string? Error)?> GetStateAsync(Guid id, CancellationToken cancellationToken) => inner.GetStateAsync(id, cancellationToken);

    public Task<NewReport?> GetSourceAsync(Guid id, CancellationToken cancellationToken) => inner.GetSourceAsync(id, cancellationToken);

    public Task<bool> SaveExtractionAsync(Guid id, IEnumerable<ExtractedDocument> documents, ReportPlan plan, CancellationToken cancellationToken) =>
        inner.SaveExtractionAsync(id, documents, plan, cancellationToken);

    public Task MarkFailedAsync(Guid id, string error, CancellationToken cancellationToken) => inner.MarkFailedAsync(id, error, cancellationToken);

    public Task<IReadOnlyList<PendingUrl>> GetPendingAsync(Guid id, int chunk, CancellationToken cancellationToken) => inner.GetPendingAsync(id, chunk, cancellationToken);

    public Task RecordArchiveAsync(Guid id, ArchiveResult archive, CancellationToken cancellationToken) => inner.RecordArchiveAsync(id, archive, cancellationToken);

    public Task CompleteChunkAsync(Guid id, int chunk, CancellationToken cancellationToken) => inner.CompleteChunkAsync(id, chunk, cancellationToken);

    public IAsyncEnumerable<ReportDocument> ReadDocumentsAsync(Guid id, CancellationToken cancellationToken) => inner.ReadDocumentsAsync(id, cancellationToken);

    public Task<LinkPage> GetLinksAsync(Guid id, LinkStatus? status, int page, int pageSize, CancellationToken cancellationToken) =>
        inner.GetLinksAsync(id, status, page, pageSize, cancellationToken);

    public Task MarkDoneAsync(Guid id, CancellationToken cancellationToken) => inner.MarkDoneAsync(id, cancellationToken);
}
