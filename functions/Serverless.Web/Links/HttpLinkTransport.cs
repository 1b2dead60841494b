using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Serverless.Links.Ports;
using Serverless.Web.Addresses;
using Serverless.Web.Connections;

namespace Serverless.Web.Links;

/// <summary>
/// <see cref="ILinkTransport"/> over the guarded <see cref="SocketsHttpHandler"/>: one request, no redirect followed,
/// no cookie kept, no retry; literal IP URLs vetted before any connection, host names at connect time (and
/// <c>OutboundHttp:ConnectTo</c> targets too). Network failures come back as values.
/// </summary>
internal sealed class HttpLinkTransport : ILinkTransport
{
    /// <summary>The name of the HttpClient configured by <see cref="LinkCheckingServiceCollectionExtensions.AddLinkChecking"/>.</summary>
    internal const string HttpClientName = "Serverless.Web.Links";

    // What a browser sends on navigation, so bot walls that look at more than the User-Agent see the same.
    private const string Accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private const string AcceptLanguage = "en-US,en;q=0.9";

    private readonly IHttpClientFactory _clients;
    private readonly OutboundAddressPolicy _policy;
    private readonly SafeHttpOptions _options;

    public HttpLinkTransport(IHttpClientFactory clients, OutboundAddressPolicy policy, SafeHttpOptions options)
    {
        _clients = clients;
        _policy = policy;
        _options = options;
    }

    public async Task<LinkResponse> SendAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.Url;
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return LinkResponse.Failed(LinkTransportFailure.Other, $"'{url}' is not an absolute http(s) URL.");
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && SafeConnector.TryParseLiteral(url.Host) is { } literal
            && _policy.Evaluate(literal) is { IsAllowed: false } verdict)
        {
            return LinkResponse.Failed(LinkTransportFailure.BlockedAddress, Refusal(url.Host, verdict));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        using var message = new HttpRequestMessage(request.Method == LinkMethod.Head ? HttpMethod.Head : HttpMethod.Get, url)
        {
            // HTTP/3 runs over QUIC, which bypasses the connect callback and so the address check: stay on TCP.
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        message.Headers.TryAddWithoutValidation("User-Agent", request.UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", Accept);
        message.Headers.TryAddWithoutValidation("Accept-Language", AcceptLanguage);
        if (request.Cookie is { Length: > 0 } cookie)
        {
            message.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        try
        {
            var client = _clients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType;
            var body = request.Method == LinkMethod.Get && request.MaxBodyBytes > 0 && IsText(contentType)
                ? await ReadPrefixAsync(response.Content, contentType, request.MaxBodyBytes, deadline.Token).ConfigureAwait(false)
                : null;
            return new LinkResponse
            {
                StatusCode = (int)response.StatusCode,
                Location = Single(response.Headers, "Location"),
                RetryAfter = Single(response.Headers, "Retry-After"),
                SetCookies = response.Headers.NonValidated.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [],
                ContentType = contentType?.ToString(),
                Headers = Reported(response),
                Body = body,
            };
        }
        catch (Exception e) when (Classify(e, url, request, deadline, cancellationToken) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; a body cut short by the deadline or the peer still
    /// gives what arrived, which is all a challenge page needs.</summary>
    private static async Task<string?> ReadPrefixAsync(HttpContent content, MediaTypeHeaderValue? contentType, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit];
        var filled = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (filled < limit)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // Keep what arrived; the caller's own cancellation is seen again by the caller right after.
        }

        return filled == 0 ? null : EncodingOf(contentType).GetString(buffer, 0, filled);
    }

    private static Encoding EncodingOf(MediaTypeHeaderValue? contentType)
    {
        try
        {
            return contentType?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static bool IsText(MediaTypeHeaderValue? contentType) => contentType?.MediaType is not { } type
        || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || type.Contains("html", StringComparison.OrdinalIgnoreCase)
        || type.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || type.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The header exactly as received: the typed view would re-escape a Location or reformat a date.</summary>
    private static string? Single(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.First() : null;

    private static Dictionary<string, string> Reported(HttpResponseMessage response)
    {
        var reported = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in LinkResponse.ReportedHeaderNames)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                reported[name] = string.Join(", ", values);
            }
        }

        return reported;
    }

    /// <summary>Turns an expected exception into a failure value; null for the caller's cancellation and for bugs.</summary>
    private LinkResponse? Classify(Exception exception, Uri url, LinkRequest request, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case BlockedAddressException blocked:
                    return LinkResponse.Failed(LinkTransportFailure.BlockedAddress, Refusal(url.Host, blocked.Verdict));
                case AuthenticationException tls:
                    return LinkResponse.Failed(LinkTransportFailure.Tls, tls.Message);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }:
                    return LinkResponse.Failed(LinkTransportFailure.DnsNotFound, $"'{url.IdnHost}' does not exist.");
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return LinkResponse.Failed(LinkTransportFailure.ConnectionRefused, $"{url.Authority} refused the connection.");
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown }:
                    return LinkResponse.Failed(LinkTransportFailure.ConnectionReset, "The server reset the connection.");
            }
        }

        if (deadline.IsCancellationRequested)
        {
            return LinkResponse.Failed(LinkTransportFailure.Timeout, $"Nothing within {request.Timeout} (LinkChecker:Timeout).");
        }

        // The handler's ConnectTimeout: a cancellation or request failure wrapping a TimeoutException.
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return LinkResponse.Failed(LinkTransportFailure.ConnectTimeout, $"No connection within {_options.ConnectTimeout} (OutboundHttp:ConnectTimeout).");
            }
        }

        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
                LinkResponse.Failed(LinkTransportFailure.DnsNotFound, $"'{url.IdnHost}' does not exist."),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } http =>
                LinkResponse.Failed(LinkTransportFailure.Tls, http.Message),
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } =>
                LinkResponse.Failed(LinkTransportFailure.ConnectionReset, "The server closed the connection before a complete response."),
            HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } http =>
                LinkResponse.Failed(LinkTransportFailure.TooLarge, http.Message),
            HttpRequestException http => LinkResponse.Failed(LinkTransportFailure.Other, $"{http.HttpRequestError}: {http.Message}"),
            IOException io => LinkResponse.Failed(LinkTransportFailure.Other, io.Message),
            _ => null,
        };
    }

    private static string Refusal(string host, AddressVerdict verdict) =>
        $"'{host}' is {verdict.Address}, a {verdict.Category} address that outbound HTTP may not reach (OutboundHttp:AllowedPrivateNetworks)";
}
