using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.History;

namespace Serverless.Links.Ports;

/// <summary>Link history outside reports: reader redirects and periodic re-checks. Implemented by the PostgreSQL adapter.</summary>
public interface ILinkHistoryStore
{
    Task<LinkHistoryEntry?> GetAsync(string url, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> links due for a re-check (pushing their next check back by <paramref name="lease"/>
    /// so another instance does not take them too) and enqueues them as <see cref="Reports.ReportQueues.Recheck"/> messages of at
    /// most <paramref name="batchSize"/> URLs, in one transaction. Returns the number of links claimed.
    /// </summary>
    Task<int> ScheduleDueAsync(DateTimeOffset now, int limit, int batchSize, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Applies a check outside any report to the URL's history; returns the new history.</summary>
    Task<LinkHistoryEntry> RecordCheckAsync(LinkCheckResult check, LinkHistoryOptions rules, CancellationToken cancellationToken);

    /// <summary>Records an archived copy found or made for the URL.</summary>
    Task RecordArchiveAsync(ArchiveResult archive, CancellationToken cancellationToken);
}
