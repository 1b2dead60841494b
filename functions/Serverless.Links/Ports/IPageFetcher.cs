namespace Serverless.Links.Ports;

/// <summary>Fetches one user-supplied page to scan, through the private-address guard. Implemented by the function app.</summary>
public interface IPageFetcher
{
    /// <summary>The page's body (to read and dispose) and content type, or why there is none.</summary>
    Task<PageFetch> FetchAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>A fetched page, or the reason it could not be fetched (<see cref="Refused"/>: the address is not allowed).</summary>
public sealed record PageFetch(Stream? Body, string? ContentType, Uri? FinalUrl, string? Error, bool Refused = false);
