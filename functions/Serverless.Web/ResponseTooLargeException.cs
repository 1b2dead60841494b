namespace Serverless.Web;

/// <summary>
/// Thrown by <see cref="FetchedResponse.Body"/> when the body goes on past <see cref="SafeHttpOptions.MaxResponseBytes"/>.
/// The bytes read before it are at most the limit; the rest is never handed over.
/// </summary>
public sealed class ResponseTooLargeException : IOException
{
    /// <summary>Creates the exception for the given limit.</summary>
    public ResponseTooLargeException(long limit)
        : base($"The response body is larger than the limit of {limit} bytes (OutboundHttp:MaxResponseBytes).") =>
        Limit = limit;

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long Limit { get; }
}
