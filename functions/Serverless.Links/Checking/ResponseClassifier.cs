using Serverless.Links.Ports;

namespace Serverless.Links.Checking;

/// <summary>Turns the final answer of a check (after redirects, fallback and retries) into a status and a reason.</summary>
internal static class ResponseClassifier
{
    public static (LinkStatus Status, string? Reason) Classify(LinkResponse response, bool redirected)
    {
        if (response.Failure is { } failure)
        {
            return failure switch
            {
                LinkTransportFailure.DnsNotFound => (LinkStatus.Broken, "DNS name not found"),
                LinkTransportFailure.ConnectionRefused => (LinkStatus.Broken, "connection refused"),

                // A reset says the server is there but hung up: a failure that only repeated checks can confirm.
                LinkTransportFailure.ConnectionReset => (LinkStatus.ServerError, "connection reset"),
                LinkTransportFailure.ConnectTimeout => (LinkStatus.Timeout, Join("no connection", response.FailureMessage)),
                LinkTransportFailure.Timeout => (LinkStatus.Timeout, Join("no response", response.FailureMessage)),
                LinkTransportFailure.Tls => (LinkStatus.TlsError, Join("TLS", response.FailureMessage)),
                LinkTransportFailure.BlockedAddress => (LinkStatus.Skipped, Join("address refused", response.FailureMessage)),
                LinkTransportFailure.TooLarge => (LinkStatus.ServerError, Join("response too large", response.FailureMessage)),
                _ => (LinkStatus.ServerError, Join("request failed", response.FailureMessage)),
            };
        }

        if (ChallengeDetector.Detect(response) is { } wall)
        {
            return (LinkStatus.Blocked, wall);
        }

        return response.StatusCode switch
        {
            >= 200 and <= 299 => (redirected ? LinkStatus.Redirected : LinkStatus.Ok, null),

            // LinkedIn and a few others answer crawlers with this made-up code whatever the page (lychee#234).
            999 => (LinkStatus.Blocked, "999: bot wall"),
            403 => (LinkStatus.Blocked, "403: forbidden, usually a bot wall"),
            401 or 407 => (LinkStatus.Blocked, $"{response.StatusCode}: login required"),
            429 => (LinkStatus.RateLimited, null),
            >= 500 and <= 599 => (LinkStatus.ServerError, null),
            >= 300 and <= 399 => (LinkStatus.Broken, $"{response.StatusCode} without a usable Location"),
            _ => (LinkStatus.Broken, null),
        };
    }

    /// <summary>How a trail shows one answer: its status code, or the failure.</summary>
    public static string Describe(LinkResponse response) => response.Failure switch
    {
        null => response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LinkTransportFailure.DnsNotFound => "DNS name not found",
        LinkTransportFailure.ConnectionRefused => "connection refused",
        LinkTransportFailure.ConnectionReset => "connection reset",
        LinkTransportFailure.ConnectTimeout => "no connection",
        LinkTransportFailure.Timeout => "timeout",
        LinkTransportFailure.Tls => "TLS error",
        LinkTransportFailure.BlockedAddress => "address refused",
        LinkTransportFailure.TooLarge => "too large",
        _ => "failed",
    };

    private static string Join(string phrase, string? message) =>
        string.IsNullOrWhiteSpace(message) ? phrase : $"{phrase}: {message}";
}
