namespace Serverless.Web;

/// <summary>Why <see cref="SafeHttpFetcher.FetchAsync"/> returned no response.</summary>
public enum FetchFailureReason
{
    /// <summary>The URL is not absolute, or carries user information (<c>http://user:pass@host/</c>).</summary>
    InvalidUrl,

    /// <summary>The URL, or a redirect target, is neither http nor https.</summary>
    BadScheme,

    /// <summary>The host is, or resolves to, an address outbound HTTP may not reach (loopback, private, metadata...).</summary>
    BlockedAddress,

    /// <summary>More redirects than <see cref="SafeHttpOptions.MaxRedirects"/>.</summary>
    TooManyRedirects,

    /// <summary><see cref="SafeHttpOptions.ConnectTimeout"/> or <see cref="SafeHttpOptions.Timeout"/> passed.</summary>
    Timeout,

    /// <summary>The server answered with a status other than 2xx (see <see cref="FetchFailure.StatusCode"/>).</summary>
    HttpError,

    /// <summary>The response announced a Content-Length above <see cref="SafeHttpOptions.MaxResponseBytes"/>.</summary>
    ResponseTooLarge,

    /// <summary>Name resolution, TCP, TLS or the HTTP exchange failed.</summary>
    ConnectionFailed,
}
