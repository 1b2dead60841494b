using Serverless.Tenders.Ports;
using Serverless.Web;

namespace Serverless.Functions.Tenders;

/// <summary>The tender domain's document fetcher on the guarded outbound HTTP client (private addresses refused, limits enforced).</summary>
internal sealed class GuardedDocumentFetcher(SafeHttpFetcher fetcher) : IDocumentFetcher
{
    public async Task<FetchedDocument> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var result = await fetcher.FetchAsync(url, cancellationToken);
        if (!result.IsSuccess)
        {
            return FetchedDocument.Refused(result.Failure.Message);
        }

        var name = Path.GetFileName(result.Response.Url.AbsolutePath);
        return FetchedDocument.Open(result.Response.Body, string.IsNullOrEmpty(name) ? result.Response.Url.Host : name);
    }
}
