using System.Net;
using System.Net.Http.Headers;

namespace Serverless.Web;

/// <summary>
/// An open 2xx response whose body has not been read yet. Dispose it to release the connection.
/// </summary>
public sealed class FetchedResponse : IDisposable, IAsyncDisposable
{
    internal FetchedResponse(Uri url, HttpStatusCode statusCode, MediaTypeHeaderValue? contentType, long? contentLength, int redirects, Stream body)
    {
        Url = url;
        StatusCode = statusCode;
        ContentType = contentType;
        ContentLength = contentLength;
        Redirects = redirects;
        Body = body;
    }

    /// <summary>The URL that answered, after redirects.</summary>
    public Uri Url { get; }

    /// <summary>A 2xx status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Content-Type header as sent, or null.</summary>
    public MediaTypeHeaderValue? ContentType { get; }

    /// <summary>The Content-Length header as sent (at most <see cref="SafeHttpOptions.MaxResponseBytes"/>), or null.</summary>
    public long? ContentLength { get; }

    /// <summary>How many redirects were followed to get here.</summary>
    public int Redirects { get; }

    /// <summary>
    /// The body, streamed from the network and read once. A read throws <see cref="ResponseTooLargeException"/> rather
    /// than hand over more than <see cref="SafeHttpOptions.MaxResponseBytes"/> bytes, and <see cref="TimeoutException"/>
    /// once <see cref="SafeHttpOptions.Timeout"/> has passed since the fetch began.
    /// </summary>
    public Stream Body { get; }

    /// <inheritdoc />
    public void Dispose() => Body.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Body.DisposeAsync();
}
