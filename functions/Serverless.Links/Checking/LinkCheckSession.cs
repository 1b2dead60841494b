using System.Globalization;
using System.Net;
using Serverless.Links.Ports;

namespace Serverless.Links.Checking;

/// <summary>
/// The check of one URL: HEAD then GET when HEAD is refused or not believed, redirects followed one by one with the
/// cookies they set, retries of transient failures. One instance per check; its cookies die with it.
/// </summary>
internal sealed class LinkCheckSession
{
    private readonly LinkChecker _checker;
    private readonly LinkCheckerOptions _options;
    private readonly CookieContainer _cookies = new();
    private int _attempts;

    public LinkCheckSession(LinkChecker checker)
    {
        _checker = checker;
        _options = checker.Options;
    }

    public async Task<LinkCheckResult> RunAsync(Uri url, CancellationToken cancellationToken)
    {
        var time = _checker.Time;
        var checkedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var hops = new List<RedirectHop>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var insecure = false;
        var method = LinkMethod.Head;
        var current = url;

        LinkCheckResult Result(LinkStatus status, string? detail, int? httpStatus = null) => new()
        {
            Url = url.OriginalString,
            Status = status,
            HttpStatus = httpStatus,
            FinalUrl = current.AbsoluteUri,
            Redirects = hops,
            InsecureRedirect = insecure,
            Detail = detail,
            Attempts = _attempts,
            CheckedAt = checkedAt,
            Elapsed = time.GetElapsedTime(started),
        };

        while (true)
        {
            visited.Add(VisitKey(current));
            var answer = await AskAsync(current, method, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return Result(LinkStatus.RateLimited, $"the host asked not to be asked before {answer.RefusedUntil:yyyy-MM-dd HH:mm:ss}Z");
            }

            if (answer.Trail is not null)
            {
                // A server that refuses or misanswers HEAD once will do so on every hop.
                method = LinkMethod.Get;
            }

            var status = response.Failure is null ? response.StatusCode : (int?)null;
            if (status is { } code && IsRedirect(code)
                && response.Location is { Length: > 0 } location
                && Uri.TryCreate(current, location, out var target))
            {
                hops.Add(new RedirectHop(current.AbsoluteUri, code, location));
                insecure |= current.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp;
                if (!CheckPlan.IsCheckable(target))
                {
                    var reason = CheckPlan.SkipReason(target);
                    current = target;
                    return Result(LinkStatus.Skipped, $"redirected to a URL that is not checked ({reason})", status);
                }

                if (visited.Contains(VisitKey(target)))
                {
                    // Bot walls loop like this (lychee#1411); a real page would not, cookies being carried.
                    current = target;
                    return Result(LinkStatus.Blocked, $"redirect loop back to {target.AbsoluteUri}", status);
                }

                if (hops.Count > _options.MaxRedirects)
                {
                    current = target;
                    return Result(LinkStatus.Blocked, $"more than {_options.MaxRedirects} redirects (LinkChecker:MaxRedirects)", status);
                }

                current = target;
                continue;
            }

            var (verdict, why) = ResponseClassifier.Classify(response, hops.Count > 0);
            return Result(verdict, Join(answer.Trail, why, answer.Note), status);
        }
    }

    /// <summary>Asks <paramref name="url"/> with <paramref name="method"/>; a HEAD answer other than a success, a
    /// redirect or a 429 is checked again with GET, which is believed instead (HEAD 405/501, and servers whose HEAD
    /// answers 404 or 500 for pages that exist).</summary>
    private async Task<HopAnswer> AskAsync(Uri url, LinkMethod method, CancellationToken cancellationToken)
    {
        var first = await SendAsync(url, method, cancellationToken).ConfigureAwait(false);
        if (method == LinkMethod.Get || first.Response is not { Failure: null } head || !NeedsGet(head))
        {
            return first;
        }

        var second = await SendAsync(url, LinkMethod.Get, cancellationToken).ConfigureAwait(false);
        var trail = second.Response is { } get
            ? $"HEAD {ResponseClassifier.Describe(head)}, GET {ResponseClassifier.Describe(get)}"
            : null;
        return second with { Trail = trail ?? $"HEAD {ResponseClassifier.Describe(head)}" };
    }

    private static bool NeedsGet(LinkResponse head) =>
        !(head.StatusCode is (>= 200 and <= 299) or 429 || IsRedirect(head.StatusCode) && head.Location is { Length: > 0 });

    private static bool IsRedirect(int? status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>Sends one method to one URL, retrying transient failures: this is the one layer that retries.</summary>
    private async Task<HopAnswer> SendAsync(Uri url, LinkMethod method, CancellationToken cancellationToken)
    {
        var time = _checker.Time;
        var request = new LinkRequest
        {
            Url = url,
            Method = method,
            UserAgent = _options.UserAgent,
            Timeout = _options.Timeout,
            MaxBodyBytes = method == LinkMethod.Get ? _options.MaxBodyBytes : 0,
        };

        for (var retry = 0; ; retry++)
        {
            LinkResponse response;
            TimeSpan? retryAfter;
            using (var turn = await _checker.Hosts.WaitTurnAsync(url.IdnHost, cancellationToken).ConfigureAwait(false))
            {
                if (turn.RefusedUntil is { } until)
                {
                    return new HopAnswer(null, null, null, until);
                }

                var cookie = _cookies.GetCookieHeader(url);
                response = await _checker.SendAsync(request with { Cookie = cookie.Length > 0 ? cookie : null }, cancellationToken).ConfigureAwait(false);
                _attempts++;
                retryAfter = RetryAfter.Parse(response.RetryAfter, time.GetUtcNow());
                turn.Report(response.StatusCode, retryAfter);
            }

            Keep(url, response.SetCookies);
            if (!IsTransient(response, method) || retry >= _options.MaxRetries)
            {
                return new HopAnswer(response, null, null, null);
            }

            if (retryAfter > _options.MaxRetryAfter)
            {
                var asked = retryAfter.Value == TimeSpan.MaxValue ? response.RetryAfter : $"{retryAfter.Value.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";
                return new HopAnswer(response, null, $"Retry-After {asked} is longer than LinkChecker:MaxRetryAfter ({_options.MaxRetryAfter})", null);
            }

            // A Retry-After already holds the host back for everyone (HostPoliteness); otherwise back off exponentially.
            if (retryAfter is null)
            {
                var delay = _options.RetryDelay * Math.Pow(2, retry);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Timeouts, resets, 429, and 5xx to GET (a 5xx to HEAD goes to GET instead); never a bot wall's answer,
    /// which would only repeat itself.</summary>
    private static bool IsTransient(LinkResponse response, LinkMethod method) => response.Failure switch
    {
        LinkTransportFailure.Timeout or LinkTransportFailure.ConnectTimeout or LinkTransportFailure.ConnectionReset => true,
        null => (response.StatusCode == 429 || (method == LinkMethod.Get && response.StatusCode is >= 500 and <= 599 and not 501 and not 505))
            && ChallengeDetector.Detect(response) is null,
        _ => false,
    };

    private void Keep(Uri url, IReadOnlyList<string> setCookies)
    {
        foreach (var header in setCookies)
        {
            try
            {
                _cookies.SetCookies(url, header);
            }
            catch (CookieException)
            {
                // A cookie a browser would also drop; the check goes on without it.
            }
        }
    }

    /// <summary>A URL revisited with the same cookies is a loop; with new cookies it is a cookie wall letting us in.</summary>
    private string VisitKey(Uri url) => CheckPlan.RequestKey(url) + "\n" + _cookies.GetCookieHeader(url);

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToArray();
        return present.Length == 0 ? null : string.Join("; ", present);
    }
}
