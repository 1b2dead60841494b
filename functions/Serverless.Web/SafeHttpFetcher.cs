using System.Net;
using Serverless.Web.Addresses;
using Serverless.Web.Connections;

namespace Serverless.Web;

/// <summary>
/// GETs a user-supplied http(s) URL without letting it reach private, loopback or metadata addresses: literal IPs are
/// vetted here before any connection, host names at connect time by the client's connect callback, and every redirect
/// hop again. Expected failures are returned as <see cref="FetchFailure"/> values; only the caller's cancellation throws.
/// Obtain it from dependency injection after <see cref="SafeHttpServiceCollectionExtensions.AddSafeHttp"/>.
/// </summary>
/// <remarks>
/// This class follows redirects and enforces the limits; it never retries. Retrying is the caller's layer.
/// </remarks>
public sealed class SafeHttpFetcher
{
    /// <summary>The name of the HttpClient configured by <see cref="SafeHttpServiceCollectionExtensions.AddSafeHttp"/>.</summary>
    internal const string HttpClientName = "Serverless.Web.SafeHttp";

    private readonly HttpClient _client;
    private readonly SafeHttpOptions _options;
    private readonly OutboundAddressPolicy _policy;

    // Internal: the only way to get one is with the client whose connect callback enforces the policy.
    internal SafeHttpFetcher(HttpClient client, SafeHttpOptions options, OutboundAddressPolicy policy)
    {
        _client = client;
        _options = options;
        _policy = policy;
    }

    /// <summary>
    /// Fetches <paramref name="url"/>, following at most <see cref="SafeHttpOptions.MaxRedirects"/> redirects.
    /// </summary>
    /// <returns>An open 2xx response to read and dispose, or the reason there is none.</returns>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);

        // One deadline for the whole fetch, every hop and the body included; the body stream takes it over on success.
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        var handedOver = false;
        try
        {
            var current = url;
            for (var redirects = 0; ; redirects++)
            {
                if (Vet(current) is { } refused)
                {
                    return FetchResult.Failed(refused);
                }

                var (response, failure) = await SendAsync(current, deadline, cancellationToken).ConfigureAwait(false);
                if (response is null)
                {
                    return FetchResult.Failed(failure!);
                }

                try
                {
                    var status = response.StatusCode;
                    if (IsRedirect(status))
                    {
                        if (response.Headers.Location is not { } location)
                        {
                            return FetchResult.Failed(new FetchFailure(FetchFailureReason.HttpError, current, $"Redirect {(int)status} without a usable Location header.") { StatusCode = status });
                        }

                        if (redirects >= _options.MaxRedirects)
                        {
                            return FetchResult.Failed(new FetchFailure(FetchFailureReason.TooManyRedirects, current, $"More than {_options.MaxRedirects} redirects (OutboundHttp:MaxRedirects)."));
                        }

                        current = location.IsAbsoluteUri ? location : new Uri(current, location);
                        continue;
                    }

                    if ((int)status is < 200 or > 299)
                    {
                        return FetchResult.Failed(new FetchFailure(FetchFailureReason.HttpError, current, $"The server answered {(int)status} {response.ReasonPhrase}.") { StatusCode = status });
                    }

                    var headers = response.Content.Headers;
                    if (headers.ContentLength > _options.MaxResponseBytes)
                    {
                        return FetchResult.Failed(new FetchFailure(FetchFailureReason.ResponseTooLarge, current, $"The response announces {headers.ContentLength} bytes, more than the limit of {_options.MaxResponseBytes} (OutboundHttp:MaxResponseBytes)."));
                    }

                    Stream content;
                    try
                    {
                        content = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (Classify(e, current, deadline, cancellationToken) is { } readFailure)
                    {
                        return FetchResult.Failed(readFailure);
                    }

                    var body = new LimitedResponseStream(content, _options.MaxResponseBytes, response, deadline, cancellationToken);
                    handedOver = true;
                    return FetchResult.Success(new FetchedResponse(current, status, headers.ContentType, headers.ContentLength, redirects, body));
                }
                finally
                {
                    if (!handedOver)
                    {
                        response.Dispose();
                    }
                }
            }
        }
        finally
        {
            if (!handedOver)
            {
                deadline.Dispose();
            }
        }
    }

    /// <summary>Refuses what can be refused from the URL alone, before any connection is attempted.</summary>
    private FetchFailure? Vet(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return new FetchFailure(FetchFailureReason.InvalidUrl, url, "The URL is not absolute.");
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return new FetchFailure(FetchFailureReason.BadScheme, url, $"The scheme '{url.Scheme}' is not allowed; only http and https are fetched.");
        }

        // Credentials in a user-supplied URL would be sent on the user's behalf; and "http://good@evil/" misleads readers.
        if (url.UserInfo.Length > 0)
        {
            return new FetchFailure(FetchFailureReason.InvalidUrl, url, "User information (user:password@) in the URL is not allowed.");
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && SafeConnector.TryParseLiteral(url.Host) is { } literal
            && _policy.Evaluate(literal) is { IsAllowed: false } verdict)
        {
            return Blocked(url, verdict);
        }

        return null;
    }

    private async Task<(HttpResponseMessage? Response, FetchFailure? Failure)> SendAsync(Uri url, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url)
        {
            // HTTP/3 runs over QUIC, which bypasses the connect callback and so the address check: stay on TCP.
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        try
        {
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return (response, null);
        }
        catch (Exception e) when (Classify(e, url, deadline, cancellationToken) is { } failure)
        {
            return (null, failure);
        }
    }

    /// <summary>Turns an expected exception into a failure value; null for the caller's cancellation and for bugs.</summary>
    private FetchFailure? Classify(Exception exception, Uri url, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is BlockedAddressException blocked)
            {
                return Blocked(url, blocked.Verdict);
            }
        }

        return exception switch
        {
            // The fetch deadline, or the handler's ConnectTimeout (a TaskCanceledException wrapping a TimeoutException).
            OperationCanceledException when deadline.IsCancellationRequested =>
                new FetchFailure(FetchFailureReason.Timeout, url, $"No response within {_options.Timeout} (OutboundHttp:Timeout)."),
            OperationCanceledException =>
                new FetchFailure(FetchFailureReason.Timeout, url, $"No connection within {_options.ConnectTimeout} (OutboundHttp:ConnectTimeout)."),
            HttpRequestException http =>
                new FetchFailure(FetchFailureReason.ConnectionFailed, url, $"{http.HttpRequestError}: {http.Message}"),
            IOException io =>
                new FetchFailure(FetchFailureReason.ConnectionFailed, url, io.Message),
            _ => null,
        };
    }

    private static FetchFailure Blocked(Uri url, AddressVerdict verdict) =>
        new(FetchFailureReason.BlockedAddress, url, $"'{url.Host}' is {verdict.Address}, a {verdict.Category} address that outbound HTTP may not reach (OutboundHttp:AllowedPrivateNetworks).")
        {
            Address = verdict.Address,
        };

    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
