using Serverless.Links.Ports;
using Serverless.Web;

namespace Serverless.Functions.Links;

/// <summary>The link domain's page fetcher on the guarded outbound HTTP client (private addresses refused, limits enforced).</summary>
internal sealed class GuardedPageFetcher(SafeHttpFetcher fetcher) : IPageFetcher
{
    public async Task<PageFetch> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var result = await fetcher.FetchAsync(url, cancellationToken);
        if (!result.IsSuccess)
        {
            var refused = result.Failure.Reason is FetchFailureReason.BlockedAddress or FetchFailureReason.BadScheme or FetchFailureReason.InvalidUrl;
            return new PageFetch(null, null, null, result.Failure.Message, refused);
        }

        var response = result.Response;
        return new PageFetch(response.Body, response.ContentType?.ToString(), response.Url, null);
    }
}
