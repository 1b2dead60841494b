using Serverless.Links.Checking;
using Serverless.Links.Ports;
using Serverless.Links.Tests.Support;

namespace Serverless.Links.Tests.Checking;

/// <summary>Redirects followed by the checker and recorded: chain, permanent or temporary, final URL, https to http
/// flagged, loops detected, cookies kept within one check.</summary>
public sealed class LinkCheckerRedirectTests
{
    [Fact]
    public async Task CheckAllAsync_ChainOf301_302_307_308_IsRedirectedWithEveryHopRecorded()
    {
        var test = TestChecker.Create();
        test.Transport
            .Route("https://a.test/1", Answer.Redirect(301, "https://a.test/2"))
            .Route("https://a.test/2", Answer.Redirect(302, "/3"))
            .Route("https://a.test/3", Answer.Redirect(307, "https://b.test/4"))
            .Route("https://b.test/4", Answer.Redirect(308, "5"))
            .Route("https://b.test/5", Answer.Ok());

        var result = await test.CheckAsync("https://a.test/1");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("https://b.test/5", result.FinalUrl);
        Assert.Equal(
            [
                new RedirectHop("https://a.test/1", 301, "https://a.test/2"),
                new RedirectHop("https://a.test/2", 302, "/3"),
                new RedirectHop("https://a.test/3", 307, "https://b.test/4"),
                new RedirectHop("https://b.test/4", 308, "5"),
            ],
            result.Redirects);
        Assert.Equal([true, false, false, true], result.Redirects.Select(h => h.Permanent));
        Assert.False(result.InsecureRedirect);
        Assert.Equal(5, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_RedirectToBrokenPage_IsBrokenWithTheChain()
    {
        var test = TestChecker.Create();
        test.Transport
            .Route("https://a.test/old", Answer.Redirect(301, "/gone"))
            .Route("https://a.test/gone", Answer.Status(410));

        var result = await test.CheckAsync("https://a.test/old");

        Assert.Equal(LinkStatus.Broken, result.Status);
        Assert.Equal(410, result.HttpStatus);
        Assert.Equal("https://a.test/gone", result.FinalUrl);
        Assert.Single(result.Redirects);
        Assert.Equal("HEAD 410, GET 410", result.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_HttpsToHttp_IsAllowedAndFlagged()
    {
        var test = TestChecker.Create();
        test.Transport
            .Route("https://a.test/", Answer.Redirect(301, "http://a.test/"))
            .Route("http://a.test/", Answer.Ok());

        var result = await test.CheckAsync("https://a.test/");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.True(result.InsecureRedirect);
        Assert.Equal("http://a.test/", result.FinalUrl);
    }

    [Fact]
    public async Task CheckAllAsync_HttpToHttps_IsNotFlagged()
    {
        var test = TestChecker.Create();
        test.Transport
            .Route("http://a.test/", Answer.Redirect(301, "https://a.test/"))
            .Route("https://a.test/", Answer.Ok());

        var result = await test.CheckAsync("http://a.test/");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.False(result.InsecureRedirect);
    }

    [Fact]
    public async Task CheckAllAsync_RedirectLoop_IsBlockedAndStopsAtTheRepeat()
    {
        var test = TestChecker.Create();
        test.Transport
            .Route("https://a.test/a", Answer.Redirect(302, "/b"))
            .Route("https://a.test/b", Answer.Redirect(302, "/a"));

        var result = await test.CheckAsync("https://a.test/a");

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal("redirect loop back to https://a.test/a", result.Detail);
        Assert.Equal(2, result.Redirects.Count);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_ChainLongerThanMaxRedirects_IsBlocked()
    {
        var test = TestChecker.Create(o => o.MaxRedirects = 2);
        test.Transport
            .Route("https://a.test/1", Answer.Redirect(301, "/2"))
            .Route("https://a.test/2", Answer.Redirect(301, "/3"))
            .Route("https://a.test/3", Answer.Redirect(301, "/4"));

        var result = await test.CheckAsync("https://a.test/1");

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal("more than 2 redirects (LinkChecker:MaxRedirects)", result.Detail);
        Assert.Equal(3, result.Attempts);
        Assert.Equal("https://a.test/4", result.FinalUrl);
    }

    [Fact]
    public async Task CheckAllAsync_CookieSetOnRedirect_IsSentBackAndTheRevisitIsNoLoop()
    {
        // A cookie wall: without the cookie the page sets it and redirects to itself.
        var test = TestChecker.Create();
        test.Transport.Route("https://wall.test/article", request => request.Cookie == "visited=1"
            ? Answer.Ok()
            : Answer.Redirect(302, "/article", "visited=1; Path=/; HttpOnly"));

        var result = await test.CheckAsync("https://wall.test/article");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.Equal([null, "visited=1"], test.Transport.Sent.Select(s => s.Cookie));
        Assert.Single(result.Redirects);
    }

    [Fact]
    public async Task CheckAllAsync_CookieFromOneCheck_IsNotSentInAnother()
    {
        var test = TestChecker.Create(o => o.MaxConcurrency = 1);
        test.Transport
            .Route("https://a.test/one", Answer.Redirect(302, "/landing", "session=abc"))
            .Route("https://a.test/landing", Answer.Ok())
            .Route("https://a.test/two", Answer.Ok());

        await test.RunAsync("https://a.test/one", "https://a.test/two");
        await test.RunAsync("https://a.test/one");

        Assert.Equal(
            [("https://a.test/one", null), ("https://a.test/landing", "session=abc"), ("https://a.test/two", null), ("https://a.test/one", null), ("https://a.test/landing", "session=abc")],
            test.Transport.Sent.Select(s => (s.Url, s.Cookie)));
    }

    [Fact]
    public async Task CheckAllAsync_NonAsciiLocation_IsFollowedPercentEncoded()
    {
        var test = TestChecker.Create();
        test.Transport
            .Route("https://a.test/menu", Answer.Redirect(301, "/café/crème brûlée"))
            .Route("https://a.test/caf%C3%A9/cr%C3%A8me%20br%C3%BBl%C3%A9e", Answer.Ok());

        var result = await test.CheckAsync("https://a.test/menu");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.Equal("https://a.test/caf%C3%A9/cr%C3%A8me%20br%C3%BBl%C3%A9e", result.FinalUrl);
        Assert.Equal("/café/crème brûlée", Assert.Single(result.Redirects).Location);
    }

    [Fact]
    public async Task CheckAllAsync_RedirectToPrivateAddressRefusedByTransport_IsSkippedWithReason()
    {
        var test = TestChecker.Create();
        test.Transport
            .Route("https://a.test/x", Answer.Redirect(302, "http://169.254.169.254/latest/meta-data/"))
            .Route("http://169.254.169.254/latest/meta-data/", Answer.Failed(LinkTransportFailure.BlockedAddress, "169.254.169.254 is a CloudMetadata address"));

        var result = await test.CheckAsync("https://a.test/x");

        Assert.Equal(LinkStatus.Skipped, result.Status);
        Assert.Equal("address refused: 169.254.169.254 is a CloudMetadata address", result.Detail);
        Assert.Equal("http://169.254.169.254/latest/meta-data/", result.FinalUrl);
        Assert.True(result.InsecureRedirect);
    }

    [Fact]
    public async Task CheckAllAsync_RedirectToMailto_IsSkippedWithReason()
    {
        var test = TestChecker.Create();
        test.Transport.Route("https://a.test/contact", Answer.Redirect(302, "mailto:info@a.test"));

        var result = await test.CheckAsync("https://a.test/contact");

        Assert.Equal(LinkStatus.Skipped, result.Status);
        Assert.Equal("redirected to a URL that is not checked (not http(s): mailto)", result.Detail);
        Assert.Equal(302, result.HttpStatus);
    }

    [Fact]
    public async Task CheckAllAsync_RedirectWithoutLocation_IsBroken()
    {
        var test = TestChecker.Create();
        test.Transport.Route("https://a.test/nowhere", Answer.Status(301));

        var result = await test.CheckAsync("https://a.test/nowhere");

        Assert.Equal(LinkStatus.Broken, result.Status);
        Assert.Equal("HEAD 301, GET 301; 301 without a usable Location", result.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_HeadRefusedOnFirstHop_LaterHopsUseGetOnly()
    {
        var test = TestChecker.Create();
        test.Transport
            .RouteByMethod("https://a.test/1", head: Answer.Status(405), get: Answer.Redirect(301, "/2"))
            .Route("https://a.test/2", Answer.Ok());

        var result = await test.CheckAsync("https://a.test/1");

        Assert.Equal(LinkStatus.Redirected, result.Status);
        Assert.Equal(
            [("https://a.test/1", LinkMethod.Head), ("https://a.test/1", LinkMethod.Get), ("https://a.test/2", LinkMethod.Get)],
            test.Transport.Sent.Select(s => (s.Url, s.Method)));
    }
}
