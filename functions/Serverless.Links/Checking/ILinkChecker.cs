namespace Serverless.Links.Checking;

/// <summary>
/// Checks http(s) URLs politely: per-host concurrency and interval, global concurrency, HEAD then GET, redirects
/// followed and recorded, transient failures retried here and nowhere else. One instance per process (politeness is
/// process-wide); obtained from dependency injection.
/// </summary>
public interface ILinkChecker
{
    /// <summary>Checks each distinct URL of <paramref name="urls"/> once, concurrently, yielding results as they complete.</summary>
    IAsyncEnumerable<LinkCheckResult> CheckAllAsync(IEnumerable<string> urls, CancellationToken cancellationToken);
}
