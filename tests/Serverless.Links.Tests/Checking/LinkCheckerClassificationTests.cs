using Serverless.Links.Checking;
using Serverless.Links.Ports;
using Serverless.Links.Tests.Support;

namespace Serverless.Links.Tests.Checking;

/// <summary>Statuses from the issue: ok, broken (404, 410, DNS not found), blocked (403 bot walls, 999, challenge
/// pages), rate-limited (429), server-error (5xx), timeout, tls-error, skipped (with reason).</summary>
public sealed class LinkCheckerClassificationTests
{
    private const string Url = "https://site.test/page";

    [Theory]
    [InlineData(200, LinkStatus.Ok)]
    [InlineData(204, LinkStatus.Ok)]
    [InlineData(404, LinkStatus.Broken)]
    [InlineData(410, LinkStatus.Broken)]
    [InlineData(400, LinkStatus.Broken)]
    [InlineData(403, LinkStatus.Blocked)]
    [InlineData(401, LinkStatus.Blocked)]
    [InlineData(999, LinkStatus.Blocked)]
    [InlineData(429, LinkStatus.RateLimited)]
    [InlineData(500, LinkStatus.ServerError)]
    [InlineData(502, LinkStatus.ServerError)]
    [InlineData(503, LinkStatus.ServerError)]
    public async Task CheckAllAsync_StatusCode_IsClassified(int code, LinkStatus expected)
    {
        var test = TestChecker.Create(o => o.MaxRetries = 0);
        test.Transport.Route(Url, Answer.Status(code));

        var result = await test.CheckAsync(Url);

        Assert.Equal(expected, result.Status);
        Assert.Equal(code, result.HttpStatus);
        Assert.Equal(Url, result.Url);
        Assert.Equal(Url, result.FinalUrl);
        Assert.Empty(result.Redirects);
    }

    [Theory]
    [InlineData(LinkTransportFailure.DnsNotFound, LinkStatus.Broken, "DNS name not found")]
    [InlineData(LinkTransportFailure.ConnectionRefused, LinkStatus.Broken, "connection refused")]
    [InlineData(LinkTransportFailure.ConnectionReset, LinkStatus.ServerError, "connection reset")]
    [InlineData(LinkTransportFailure.Timeout, LinkStatus.Timeout, "no response: from the fake")]
    [InlineData(LinkTransportFailure.ConnectTimeout, LinkStatus.Timeout, "no connection: from the fake")]
    [InlineData(LinkTransportFailure.Tls, LinkStatus.TlsError, "TLS: from the fake")]
    [InlineData(LinkTransportFailure.BlockedAddress, LinkStatus.Skipped, "address refused: from the fake")]
    [InlineData(LinkTransportFailure.TooLarge, LinkStatus.ServerError, "response too large: from the fake")]
    [InlineData(LinkTransportFailure.Other, LinkStatus.ServerError, "request failed: from the fake")]
    public async Task CheckAllAsync_TransportFailure_IsClassifiedWithItsReason(LinkTransportFailure failure, LinkStatus expected, string detail)
    {
        var test = TestChecker.Create(o => o.MaxRetries = 0);
        test.Transport.Route(Url, Answer.Failed(failure));

        var result = await test.CheckAsync(Url);

        Assert.Equal(expected, result.Status);
        Assert.Equal(detail, result.Detail);
        Assert.Null(result.HttpStatus);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_CloudflareChallengeHeader_IsBlockedWithTheHeaderAsReason()
    {
        var test = TestChecker.Create();
        test.Transport.Route(Url, Answer.WithHeader(403, "cf-mitigated", "challenge"));

        var result = await test.CheckAsync(Url);

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal("HEAD 403, GET 403; cf-mitigated: challenge", result.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_ChallengePage_IsBlockedNotServerError()
    {
        var test = TestChecker.Create();
        var page = "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title><meta http-equiv=\"refresh\" content=\"360\"></head>";
        test.Transport.RouteByMethod(Url, head: Answer.Status(503), get: Answer.WithBody(503, page));

        var result = await test.CheckAsync(Url);

        Assert.Equal(LinkStatus.Blocked, result.Status);
        Assert.Equal("HEAD 503, GET 503; Cloudflare challenge page", result.Detail);
        Assert.Equal(2, result.Attempts); // a challenge is not retried: it would only repeat itself
    }

    [Theory]
    [InlineData("mailto:someone@example.org", "not http(s): mailto")]
    [InlineData("ftp://files.example.org/a.zip", "not http(s): ftp")]
    [InlineData("javascript:void(0)", "not http(s): javascript")]
    [InlineData("no scheme at all", "not an absolute URL")]
    [InlineData("https://user:secret@site.test/", "user information in the URL is not sent")]
    public async Task CheckAllAsync_UrlThatIsNotChecked_IsSkippedWithReasonAndNoRequest(string url, string reason)
    {
        var test = TestChecker.Create();

        var result = await test.CheckAsync(url);

        Assert.Equal(LinkStatus.Skipped, result.Status);
        Assert.Equal(reason, result.Detail);
        Assert.Equal(url, result.Url);
        Assert.Equal(0, result.Attempts);
        Assert.Empty(test.Transport.Sent);
    }

    [Fact]
    public async Task CheckAllAsync_Head200_SendsOneHeadAndNoGet()
    {
        var test = TestChecker.Create();
        test.Transport.Route(Url, Answer.Ok());

        var result = await test.CheckAsync(Url);

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Null(result.Detail);
        Assert.Equal(1, result.Attempts);
        Assert.Equal([LinkMethod.Head], test.Transport.Sent.Select(s => s.Method));
    }

    [Theory]
    [InlineData(405, "HEAD 405, GET 200")]
    [InlineData(501, "HEAD 501, GET 200")]
    [InlineData(404, "HEAD 404, GET 200")]
    [InlineData(500, "HEAD 500, GET 200")]
    public async Task CheckAllAsync_HeadRefusedOrLying_GetDecides(int headStatus, string detail)
    {
        var test = TestChecker.Create();
        test.Transport.RouteByMethod(Url, head: Answer.Status(headStatus), get: Answer.Ok());

        var result = await test.CheckAsync(Url);

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(detail, result.Detail);
        Assert.Equal(2, result.Attempts);
        Assert.Equal([LinkMethod.Head, LinkMethod.Get], test.Transport.Sent.Select(s => s.Method));
    }

    [Fact]
    public async Task CheckAllAsync_Get_AsksForTheConfiguredBodyPrefixAndUserAgent()
    {
        var test = TestChecker.Create(o => o.MaxBodyBytes = 4096);
        test.Transport.RouteByMethod(Url, head: Answer.Status(405), get: Answer.Ok());

        await test.CheckAsync(Url);

        var sent = test.Transport.Sent.ToArray();
        Assert.Equal(0, sent[0].Request.MaxBodyBytes);
        Assert.Equal(4096, sent[1].Request.MaxBodyBytes);
        Assert.All(sent, s => Assert.StartsWith("Mozilla/5.0 (", s.Request.UserAgent));
        Assert.All(sent, s => Assert.Equal(TimeSpan.FromSeconds(20), s.Request.Timeout));
    }
}
