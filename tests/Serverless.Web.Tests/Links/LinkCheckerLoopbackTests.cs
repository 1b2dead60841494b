using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Serverless.Links.Checking;
using Serverless.Testing.Web;

namespace Serverless.Web.Tests.Links;

/// <summary>
/// The whole checker (policy, transport, guarded client) against a loopback web that stands in for many hosts: every
/// case of the list, the TLS, DNS and private-address cases, and politeness seen from the server's side.
/// </summary>
public sealed class LinkCheckerLoopbackTests : IAsyncLifetime
{
    private LoopbackWeb _web = null!;

    public async Task InitializeAsync() => _web = await LoopbackWeb.StartAsync();

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Theory]
    [InlineData("http://example.org/page")]
    [InlineData("https://example.org/page")]
    public async Task CheckAllAsync_200_IsOkWithOneHeadCarryingABrowserUserAgent(string url)
    {
        _web.Host("example.org").Path("/page").Respond(Reply.Ok());
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync(url);

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        var request = Assert.Single(_web.Requests);
        Assert.Equal(("HEAD", new Uri(url).Scheme, "example.org", "/page"), (request.Method, request.Scheme, request.Host, request.Path));
        Assert.Equal(LinkCheckerOptions.DefaultUserAgent, request.UserAgent);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task CheckAllAsync_NotFoundOrGone_IsBrokenAfterHeadThenGet(int code)
    {
        _web.Host("news.example").Path("/story").Respond(Reply.Status(code, "<html><title>Gone</title></html>"));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://news.example/story");

        Assert.Equal(LinkStatus.Broken, result.Status);
        Assert.Equal(code, result.HttpStatus);
        Assert.Equal($"HEAD {code}, GET {code}", result.Detail);
        Assert.Equal(["HEAD", "GET"], _web.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task CheckAllAsync_ChainOf301_302_307_308AcrossHostsAndSchemes_IsRedirectedAndRecorded()
    {
        _web.Host("old.example").Path("/a").Respond(Reply.Redirect(301, "https://old.example/b"));
        _web.Host("old.example").Path("/b").Respond(Reply.Redirect(302, "/c"));
        _web.Host("old.example").Path("/c").Respond(Reply.Redirect(307, "https://new.example/d"));
        _web.Host("new.example").Path("/d").Respond(Reply.Redirect(308, "e"))
                                .Path("/e").Respond(Reply.Ok());
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("http://old.example/a");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.Equal("https://new.example/e", result.FinalUrl);
        Assert.Equal(
            [
                new RedirectHop("http://old.example/a", 301, "https://old.example/b"),
                new RedirectHop("https://old.example/b", 302, "/c"),
                new RedirectHop("https://old.example/c", 307, "https://new.example/d"),
                new RedirectHop("https://new.example/d", 308, "e"),
            ],
            result.Redirects);
        Assert.False(result.InsecureRedirect);
        Assert.Equal(["http", "https", "https", "https", "https"], _web.Requests.Select(r => r.Scheme));
    }

    [Fact]
    public async Task CheckAllAsync_RedirectLoop_IsBlockedWithoutGoingRound()
    {
        _web.Host("loop.example").Path("/x").Respond(Reply.Redirect(302, "/y"))
                                 .Path("/y").Respond(Reply.Redirect(302, "http://loop.example/x"));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("http://loop.example/x");

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal("redirect loop back to http://loop.example/x", result.Detail);
        Assert.Equal(["/x", "/y"], _web.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task CheckAllAsync_RedirectThatNeedsItsCookie_IsFollowedWithTheCookie()
    {
        _web.Host("paper.example").Path("/article").Respond(
            Reply.Ok().UnlessCookie("consent", Reply.Redirect(302, "/article").WithCookie("consent=yes; Path=/; Secure")));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://paper.example/article");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.Equal([null, "consent=yes"], _web.Requests.Select(r => r.Cookie));
    }

    [Fact]
    public async Task CheckAllAsync_CookieFromAnEarlierCheck_IsNotSent()
    {
        _web.Host("paper.example").Path("/article").Respond(
            Reply.Ok().UnlessCookie("consent", Reply.Redirect(302, "/article").WithCookie("consent=yes; Path=/")));
        using var test = LinkCheckerUnderTest.Create(_web);

        await test.CheckAsync("http://paper.example/article");
        await test.CheckAsync("http://paper.example/article");

        Assert.Equal([null, "consent=yes", null, "consent=yes"], _web.Requests.Select(r => r.Cookie));
    }

    [Fact]
    public async Task CheckAllAsync_RawUtf8Location_IsFollowedToTheSamePath()
    {
        _web.Host("cafe.example").Path("/menu").Respond(Reply.Redirect(301, "/café"))
                                 .Path("/café").Respond(Reply.Ok());
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://cafe.example/menu");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.Equal("/café", Assert.Single(result.Redirects).Location);
        Assert.Equal("https://cafe.example/caf%C3%A9", result.FinalUrl);
        Assert.Equal(["/menu", "/café"], _web.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task CheckAllAsync_HttpsToHttp_IsRedirectedAndFlagged()
    {
        _web.Host("shop.example").Path("/").Respond(Reply.Redirect(301, "http://shop.example/home"))
                                 .Path("/home").Respond(Reply.Ok());
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://shop.example/");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.True(result.InsecureRedirect);
        Assert.Equal("http://shop.example/home", result.FinalUrl);
    }

    [Fact]
    public async Task CheckAllAsync_429WithRetryAfterSeconds_WaitsThenIsOk()
    {
        _web.Host("api.example").Path("/busy").Respond(Reply.Sequence(Reply.TooManyRequests("1"), Reply.Ok()));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://api.example/busy");

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        var times = _web.Requests.Select(r => r.At).ToArray();
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1), $"The retry came {times[1] - times[0]} after the 429.");
    }

    [Fact]
    public async Task CheckAllAsync_429WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        // HTTP-dates have whole seconds: two seconds ahead, truncated, is between one and two seconds away.
        var date = DateTimeOffset.UtcNow.AddSeconds(2);
        var until = new DateTimeOffset(date.Year, date.Month, date.Day, date.Hour, date.Minute, date.Second, TimeSpan.Zero);
        _web.Host("api.example").Path("/busy").Respond(Reply.Sequence(Reply.TooManyRequests(until.ToString("r", CultureInfo.InvariantCulture)), Reply.Ok()));
        using var test = LinkCheckerUnderTest.Create(_web, overrides: ("LinkChecker:MaxRetries", "1"));

        var result = await test.CheckAsync("https://api.example/busy");

        Assert.Equal(LinkStatus.Ok, result.Status);
        var retry = _web.Requests[1].At;
        Assert.True(retry >= until, $"The retry came at {retry:O}, before {until:O}.");
    }

    [Fact]
    public async Task CheckAllAsync_429WithRetryAfterAnHour_IsRateLimitedAtOnce()
    {
        _web.Host("api.example").Path("/busy").Respond(Reply.TooManyRequests("3600"));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://api.example/busy");

        Assert.Equal(LinkStatus.RateLimited, result.Status);
        Assert.Equal(429, result.HttpStatus);
        Assert.Single(_web.Requests);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"Took {result.Elapsed}.");
    }

    [Fact]
    public async Task CheckAllAsync_Head405_FallsBackToGet()
    {
        _web.Host("cms.example").Path("/doc").Respond(Reply.Ok().OnHead(Reply.Status(405)));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://cms.example/doc");

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal("HEAD 405, GET 200", result.Detail);
        Assert.Equal(["HEAD", "GET"], _web.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task CheckAllAsync_404OnHeadOnly_IsOkByGet()
    {
        _web.Host("cms.example").Path("/doc").Respond(Reply.Ok().OnHead(Reply.Status(404)));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("http://cms.example/doc");

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal("HEAD 404, GET 200", result.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_SlowHeaders_IsTimeoutAfterTheRetry()
    {
        _web.Host("slow.example").Path("/").Respond(Reply.Ok().After(TimeSpan.FromSeconds(30)));
        using var test = LinkCheckerUnderTest.Create(_web, overrides: ("LinkChecker:Timeout", "00:00:00.300"));

        var result = await test.CheckAsync("https://slow.example/");

        Assert.Equal(LinkStatus.Timeout, result.Status);
        Assert.Equal("no response: Nothing within 00:00:00.3000000 (LinkChecker:Timeout).", result.Detail);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(["HEAD", "HEAD"], _web.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task CheckAllAsync_ConnectionReset_IsServerErrorAfterTheRetry()
    {
        _web.Host("flaky.example").Path("/").Respond(Reply.Abort());
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("http://flaky.example/");

        Assert.Equal(LinkStatus.ServerError, result.Status);
        Assert.Equal("connection reset", result.Detail);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_ConnectionResetOnce_IsOkOnTheRetry()
    {
        _web.Host("flaky.example").Path("/").Respond(Reply.Sequence(Reply.Abort(), Reply.Ok()));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://flaky.example/");

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_999_IsBlocked()
    {
        _web.Host("www.linkedin.com").Path("/in/someone").Respond(Reply.Status(999));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://www.linkedin.com/in/someone");

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal(999, result.HttpStatus);
        Assert.False(result.IsFailure);
    }

    [Fact]
    public async Task CheckAllAsync_CloudflareChallenge_IsBlocked()
    {
        _web.Host("walled.example").Path("/post").Respond(Reply.Challenge());
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://walled.example/post");

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal("HEAD 403, GET 403; cf-mitigated: challenge", result.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_ChallengePageWithout403OrHeader_IsBlockedFromItsBody()
    {
        _web.Host("walled.example").Path("/post").Respond(Reply.Status(503, Reply.ChallengePage).OnHead(Reply.Status(503)));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://walled.example/post");

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal("HEAD 503, GET 503; Cloudflare challenge page", result.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_UnpinnedSelfSignedCertificate_IsTlsError()
    {
        _web.Host("selfsigned.example").Path("/").Respond(Reply.Ok());
        using var test = LinkCheckerUnderTest.Create(_web, pinCertificate: false);

        var result = await test.CheckAsync("https://selfsigned.example/");

        Assert.Equal(LinkStatus.TlsError, result.Status);
        Assert.StartsWith("TLS: ", result.Detail);
        Assert.Empty(_web.Requests);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "'169.254.169.254' is 169.254.169.254, a CloudMetadata address")]
    [InlineData("http://10.0.0.8/admin", "'10.0.0.8' is 10.0.0.8, a Private address")]
    public async Task CheckAllAsync_RedirectToPrivateAddress_IsSkippedWithReasonAndNeverDialed(string target, string reason)
    {
        _web.Host("evil.example").Path("/").Respond(Reply.Redirect(302, target));
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("http://evil.example/");

        Assert.Equal(LinkStatus.Skipped, result.Status);
        Assert.StartsWith($"address refused: {reason}", result.Detail);
        Assert.Equal(target, result.FinalUrl);
        Assert.All(test.Dialer.Dialed, endPoint => Assert.True(IPAddress.IsLoopback(endPoint.Address)));
        Assert.Single(_web.Requests);
    }

    [Theory]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://192.168.0.1/router")]
    [InlineData("http://[::1]/")]
    [InlineData("http://169.254.169.254/")]
    public async Task CheckAllAsync_LiteralPrivateAddress_IsSkippedWithoutAnyConnection(string url)
    {
        using var test = LinkCheckerUnderTest.Create(_web, overrides: ("OutboundHttp:AllowedPrivateNetworks:0", "127.0.0.1/32"));

        var result = await test.CheckAsync(url);

        Assert.Equal(LinkStatus.Skipped, result.Status);
        Assert.StartsWith("address refused: ", result.Detail);
        Assert.Empty(test.Dialer.Dialed);
        Assert.Empty(test.Resolver.Asked);
    }

    [Fact]
    public async Task CheckAllAsync_ConnectToOverrideOntoAPrivateAddress_IsRefusedBeforeDialing()
    {
        // A name whose connection lands on a private address, as DNS rebinding would arrange: the address actually
        // connected to is what the policy judges.
        using var test = LinkCheckerUnderTest.Create(_web, extraConnectTo: ["rebind.example:80=10.0.0.7:80"]);

        var result = await test.CheckAsync("http://rebind.example/");

        Assert.Equal(LinkStatus.Skipped, result.Status);
        Assert.Equal("address refused: 'rebind.example' is 10.0.0.7, a Private address that outbound HTTP may not reach (OutboundHttp:AllowedPrivateNetworks)", result.Detail);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task CheckAllAsync_InvalidTopLevelName_IsBrokenWithoutAskingDns()
    {
        using var test = LinkCheckerUnderTest.Create(_web);

        var result = await test.CheckAsync("https://no-such-host.invalid/page");

        Assert.Equal(LinkStatus.Broken, result.Status);
        Assert.Equal("DNS name not found", result.Detail);
        Assert.Empty(test.Resolver.Asked);
        Assert.Empty(test.Dialer.Dialed);
        Assert.Empty(_web.Requests);
    }

    [Fact]
    public async Task CheckAllAsync_NothingListening_IsBrokenConnectionRefused()
    {
        var closedPort = ClosedLoopbackPort();
        using var test = LinkCheckerUnderTest.Create(_web, extraConnectTo: [$"closed.example:80=127.0.0.1:{closedPort}"]);

        var result = await test.CheckAsync("http://closed.example/");

        Assert.Equal(LinkStatus.Broken, result.Status);
        Assert.Equal("connection refused", result.Detail);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_OneHostManyUrls_RequestsAreSpacedByTheHostInterval()
    {
        _web.Host("polite.example").Respond(Reply.Ok());
        using var test = LinkCheckerUnderTest.Create(
            _web,
            overrides: [("LinkChecker:HostRequestInterval", "00:00:00.400"), ("LinkChecker:HostConcurrency", "1")]);

        // Plain http, and a first check elsewhere to create the client and warm it up: the first request's set-up
        // would otherwise delay its arrival after its start and shorten the first gap seen by the server.
        await test.CheckAsync("http://warm-up.example/");
        var results = await test.RunAsync([.. Enumerable.Range(1, 4).Select(i => $"http://polite.example/{i}")]);

        Assert.All(results, r => Assert.Equal(LinkStatus.Ok, r.Status));
        var times = _web.Requests.Where(r => r.Host == "polite.example").Select(r => r.At).ToArray();
        Assert.Equal(4, times.Length);
        for (var i = 1; i < times.Length; i++)
        {
            // The checker spaces the starts (exactly, see LinkCheckerPolitenessTests); the server stamps arrivals,
            // which a loaded machine may deliver some tens of milliseconds after the start. Without the interval the
            // gaps would be a few milliseconds.
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(300), $"Requests {i} and {i + 1} came {times[i] - times[i - 1]} apart.");
        }
    }

    [Fact]
    public async Task CheckAllAsync_SameUrlRepeatedAndWithFragments_IsRequestedOnce()
    {
        _web.Host("docs.example").Path("/guide").Respond(Reply.Ok());
        using var test = LinkCheckerUnderTest.Create(_web);

        var results = await test.RunAsync("https://docs.example/guide", "https://docs.example/guide#install", "https://docs.example/guide");

        Assert.Equal(["https://docs.example/guide", "https://docs.example/guide#install"], results.Select(r => r.Url).Order());
        Assert.Single(_web.Requests);
    }

    [Fact]
    public async Task CheckAllAsync_ManyHostsAtOnce_AreAllAnsweredByTheirOwnRules()
    {
        var hosts = Enumerable.Range(1, 40).Select(i => $"site{i}.example").ToArray();
        foreach (var host in hosts)
        {
            _web.Host(host).Path("/").Respond(host.EndsWith("7.example", StringComparison.Ordinal) ? Reply.Status(410) : Reply.Ok());
        }

        using var test = LinkCheckerUnderTest.Create(_web);

        var results = await test.RunAsync([.. hosts.Select(h => $"https://{h}/")]);

        Assert.Equal(40, results.Count);
        Assert.Equal(["https://site17.example/", "https://site27.example/", "https://site37.example/", "https://site7.example/"],
            results.Where(r => r.Status == LinkStatus.Broken).Select(r => r.Url).Order());
        Assert.Equal(36, results.Count(r => r.Status == LinkStatus.Ok));
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
