using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Serverless.Web.Addresses;
using Serverless.Web.Tests.Support;

namespace Serverless.Web.Tests;

public sealed class SafeHttpFetcherTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    private static readonly IEnumerable<KeyValuePair<string, string?>> LoopbackAllowed = TestFetcher.Allow("127.0.0.0/8");

    // Bounds every test; xunit 2 has no per-test token of its own.
    private readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    [Fact]
    public async Task FetchAsync_LoopbackUrlWithDefaultOptions_IsBlockedAddress()
    {
        using var test = TestFetcher.Create();

        var result = await test.Fetcher.FetchAsync(server.Url("/ok"), Ct);

        Assert.False(result.IsSuccess);
        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure.Reason);
        Assert.Equal(IPAddress.Loopback, result.Failure.Address);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_LoopbackUrlWithLoopbackAllowed_ReturnsTheOpenResponse()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(server.Url("/ok"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.ContentType?.MediaType);
        Assert.Equal("utf-8", response.ContentType?.CharSet);
        Assert.Equal(5, response.ContentLength);
        Assert.Equal(0, response.Redirects);
        Assert.Equal(server.Url("/ok"), response.Url);
        Assert.Equal(LoopbackServer.Hello, await new StreamReader(response.Body).ReadToEndAsync(Ct));
    }

    [Theory]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("https://192.168.1.1/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("http://2130706433/")] // 127.0.0.1 written as one decimal number
    [InlineData("http://0x7f.1/")] // 127.0.0.1 in inet_aton shorthand
    public async Task FetchAsync_LiteralNonPublicAddress_IsRefusedWithoutAnyRequest(string url)
    {
        var handler = new RecordingHandler();
        var fetcher = new SafeHttpFetcher(new HttpClient(handler), new SafeHttpOptions(), OutboundAddressPolicy.From(new SafeHttpOptions()));

        var result = await fetcher.FetchAsync(new Uri(url), Ct);

        Assert.False(result.IsSuccess);
        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure.Reason);
        Assert.Equal(0, handler.Requests);
    }

    [Theory]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://0.0.0.0/")]
    public async Task FetchAsync_LiteralNonPublicAddressThroughTheRealClient_NeitherResolvesNorDials(string url)
    {
        using var test = TestFetcher.Create();

        var result = await test.Fetcher.FetchAsync(new Uri(url), Ct);

        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure?.Reason);
        Assert.Empty(test.Resolver.Asked);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_Localhost_IsBlockedAddress()
    {
        using var test = TestFetcher.Create();

        var result = await test.Fetcher.FetchAsync(new Uri($"http://localhost:{server.Port}/ok"), Ct);

        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure?.Reason);
        Assert.Equal(["localhost"], test.Resolver.Asked);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_NameResolvingToPrivateAddress_IsBlockedWithoutDialing()
    {
        using var test = TestFetcher.Create(resolver: new FakeResolver().Answer("intranet.test", "10.1.2.3"));

        var result = await test.Fetcher.FetchAsync(new Uri("http://intranet.test/"), Ct);

        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure?.Reason);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), result.Failure?.Address);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_NameWithOnePublicAndOnePrivateAnswer_IsBlockedWithoutDialingEither()
    {
        var resolver = new FakeResolver().Answer("mixed.test", "93.184.215.14", "192.168.0.10");
        using var test = TestFetcher.Create(resolver: resolver);

        var result = await test.Fetcher.FetchAsync(new Uri("http://mixed.test/"), Ct);

        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure?.Reason);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_HostName_ConnectsToExactlyTheAddressItVetted()
    {
        // "docs.test" exists in no DNS (RFC 6761): the request can only succeed through the fetcher's own answer.
        var resolver = new FakeResolver().Answer("docs.test", "127.0.0.1");
        using var test = TestFetcher.Create(LoopbackAllowed, resolver);

        var result = await test.Fetcher.FetchAsync(new Uri($"http://docs.test:{server.Port}/ok"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await result.Response.DisposeAsync();
        Assert.Equal(["docs.test"], test.Resolver.Asked);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, server.Port)], test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_RedirectFromAllowedServerToMetadataAddress_IsRefusedOnTheHop()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);
        var metadata = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

        var result = await test.Fetcher.FetchAsync(server.Url($"/redirect?to={Uri.EscapeDataString(metadata)}"), Ct);

        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure?.Reason);
        Assert.Equal(new Uri(metadata), result.Failure?.Url);
        Assert.Equal(IPAddress.Parse("169.254.169.254"), result.Failure?.Address);
        Assert.All(test.Dialer.Dialed, endPoint => Assert.Equal(IPAddress.Loopback, endPoint.Address));
    }

    [Fact]
    public async Task FetchAsync_RedirectToNameResolvingToMetadataAddress_IsRefusedOnTheHop()
    {
        var resolver = new FakeResolver().Answer("rebound.test", "169.254.169.254");
        using var test = TestFetcher.Create(LoopbackAllowed, resolver);

        var result = await test.Fetcher.FetchAsync(server.Url($"/redirect?to={Uri.EscapeDataString("http://rebound.test/")}"), Ct);

        Assert.Equal(FetchFailureReason.BlockedAddress, result.Failure?.Reason);
        Assert.Equal(new Uri("http://rebound.test/"), result.Failure?.Url);
        Assert.All(test.Dialer.Dialed, endPoint => Assert.Equal(IPAddress.Loopback, endPoint.Address));
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_IsTooManyRedirects()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(server.Url("/loop"), Ct);

        Assert.Equal(FetchFailureReason.TooManyRedirects, result.Failure?.Reason);
    }

    [Fact]
    public async Task FetchAsync_ExactlyMaxRedirects_AreFollowed()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(server.Url("/hops/5"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        Assert.Equal(5, response.Redirects);
        Assert.Equal(server.Url("/hops/0"), response.Url);
        Assert.Equal("arrived", await new StreamReader(response.Body).ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task FetchAsync_OneRedirectMoreThanMaxRedirects_IsTooManyRedirects()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(server.Url("/hops/6"), Ct);

        Assert.Equal(FetchFailureReason.TooManyRedirects, result.Failure?.Reason);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task FetchAsync_RelativeRedirect_IsFollowedFromTheCurrentUrl(int status)
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(server.Url($"/redirect?status={status}&to=%2Fok"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        Assert.Equal(server.Url("/ok"), response.Url);
        Assert.Equal(1, response.Redirects);
    }

    [Theory]
    [InlineData("ftp://files.example/notice.xml")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:6379/_INFO")]
    public async Task FetchAsync_RedirectToOtherScheme_IsBadScheme(string target)
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(server.Url($"/redirect?to={Uri.EscapeDataString(target)}"), Ct);

        Assert.Equal(FetchFailureReason.BadScheme, result.Failure?.Reason);
        Assert.Single(test.Dialer.Dialed);
    }

    [Theory]
    [InlineData("ftp://files.example/notice.xml")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/plain,hello")]
    public async Task FetchAsync_NonHttpUrl_IsBadScheme(string url)
    {
        using var test = TestFetcher.Create();

        var result = await test.Fetcher.FetchAsync(new Uri(url), Ct);

        Assert.Equal(FetchFailureReason.BadScheme, result.Failure?.Reason);
        Assert.Empty(test.Resolver.Asked);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Theory]
    [InlineData("http://user:pass@docs.test/")]
    [InlineData("http://user@docs.test/")]
    [InlineData("https://docs.example@127.0.0.1/")]
    public async Task FetchAsync_UrlWithUserInfo_IsInvalidUrl(string url)
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(new Uri(url), Ct);

        Assert.Equal(FetchFailureReason.InvalidUrl, result.Failure?.Reason);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_RedirectToUrlWithUserInfo_IsInvalidUrl()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);
        var target = $"http://admin:admin@127.0.0.1:{server.Port}/ok";

        var result = await test.Fetcher.FetchAsync(server.Url($"/redirect?to={Uri.EscapeDataString(target)}"), Ct);

        Assert.Equal(FetchFailureReason.InvalidUrl, result.Failure?.Reason);
    }

    [Fact]
    public async Task FetchAsync_RelativeUrl_IsInvalidUrl()
    {
        using var test = TestFetcher.Create();

        var result = await test.Fetcher.FetchAsync(new Uri("/ok", UriKind.Relative), Ct);

        Assert.Equal(FetchFailureReason.InvalidUrl, result.Failure?.Reason);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task FetchAsync_NonSuccessStatus_IsHttpErrorWithTheStatus(int status)
    {
        using var test = TestFetcher.Create(LoopbackAllowed);

        var result = await test.Fetcher.FetchAsync(server.Url($"/status/{status}"), Ct);

        Assert.Equal(FetchFailureReason.HttpError, result.Failure?.Reason);
        Assert.Equal((HttpStatusCode)status, result.Failure?.StatusCode);
    }

    [Fact]
    public async Task FetchAsync_ContentLengthAboveLimit_IsResponseTooLargeBeforeReading()
    {
        using var test = TestFetcher.Create([.. LoopbackAllowed, TestFetcher.Setting("MaxResponseBytes", "1000")]);

        var result = await test.Fetcher.FetchAsync(server.Url("/bytes/5000"), Ct);

        Assert.Equal(FetchFailureReason.ResponseTooLarge, result.Failure?.Reason);
    }

    [Fact]
    public async Task Body_ChunkedBodyAboveLimit_ThrowsResponseTooLargeAfterExactlyTheLimit()
    {
        using var test = TestFetcher.Create([.. LoopbackAllowed, TestFetcher.Setting("MaxResponseBytes", "10000")]);

        var result = await test.Fetcher.FetchAsync(server.Url("/bytes/1000000?chunked=true"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        Assert.Null(response.ContentLength);
        var (read, error) = await ReadToEnd(response.Body);
        var tooLarge = Assert.IsType<ResponseTooLargeException>(error);
        Assert.Equal(10000, tooLarge.Limit);
        Assert.Equal(10000, read);
    }

    [Fact]
    public async Task Body_ChunkedBodyOneByteAboveLimit_ThrowsResponseTooLarge()
    {
        using var test = TestFetcher.Create([.. LoopbackAllowed, TestFetcher.Setting("MaxResponseBytes", "10000")]);

        var result = await test.Fetcher.FetchAsync(server.Url("/bytes/10001?chunked=true"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        var (read, error) = await ReadToEnd(response.Body);
        Assert.IsType<ResponseTooLargeException>(error);
        Assert.Equal(10000, read);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_BodyOfExactlyTheLimit_IsReadToTheEnd(bool chunked)
    {
        using var test = TestFetcher.Create([.. LoopbackAllowed, TestFetcher.Setting("MaxResponseBytes", "10000")]);

        var result = await test.Fetcher.FetchAsync(server.Url($"/bytes/10000?chunked={chunked}"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        Assert.Equal(chunked ? null : 10000, response.ContentLength);
        var (read, error) = await ReadToEnd(response.Body);
        Assert.Null(error);
        Assert.Equal(10000, read);
    }

    [Fact]
    public async Task FetchAsync_SlowHeaders_IsTimeout()
    {
        using var test = TestFetcher.Create([.. LoopbackAllowed, TestFetcher.Setting("Timeout", "00:00:00.500")]);
        var clock = Stopwatch.StartNew();

        var result = await test.Fetcher.FetchAsync(server.Url("/slow-headers"), Ct);

        Assert.Equal(FetchFailureReason.Timeout, result.Failure?.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Body_SlowBody_IsStreamedThenThrowsTimeout()
    {
        // Long enough for the headers to arrive on a loaded CI machine; the body never completes anyway.
        using var test = TestFetcher.Create([.. LoopbackAllowed, TestFetcher.Setting("Timeout", "00:00:02")]);

        var result = await test.Fetcher.FetchAsync(server.Url("/slow-body"), Ct);

        // The server has sent "start" and is holding the rest back: a buffering fetcher would not have returned yet.
        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        var buffer = new byte[5];
        await response.Body.ReadExactlyAsync(buffer, Ct);
        Assert.Equal("start", Encoding.ASCII.GetString(buffer));
        await Assert.ThrowsAsync<TimeoutException>(async () => _ = await response.Body.ReadAsync(buffer, Ct));
    }

    [Fact]
    public async Task FetchAsync_ConnectionThatNeverCompletes_IsTimeoutAfterConnectTimeout()
    {
        using var test = TestFetcher.Create(
            [.. LoopbackAllowed, TestFetcher.Setting("ConnectTimeout", "00:00:00.300")],
            dialer: new GuardedDialer { Hang = true });
        var clock = Stopwatch.StartNew();

        var result = await test.Fetcher.FetchAsync(server.Url("/ok"), Ct);

        Assert.Equal(FetchFailureReason.Timeout, result.Failure?.Reason);
        Assert.Contains("ConnectTimeout", result.Failure?.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task FetchAsync_NothingListening_IsConnectionFailed()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);
        var closedPort = ClosedLoopbackPort();

        var result = await test.Fetcher.FetchAsync(new Uri($"http://127.0.0.1:{closedPort}/"), Ct);

        Assert.Equal(FetchFailureReason.ConnectionFailed, result.Failure?.Reason);
    }

    [Fact]
    public async Task FetchAsync_UnknownHost_IsConnectionFailed()
    {
        using var test = TestFetcher.Create();

        var result = await test.Fetcher.FetchAsync(new Uri("http://no-such-host.test/"), Ct);

        Assert.Equal(FetchFailureReason.ConnectionFailed, result.Failure?.Reason);
        Assert.Empty(test.Dialer.Dialed);
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var test = TestFetcher.Create(LoopbackAllowed);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Fetcher.FetchAsync(server.Url("/slow-headers"), cancel.Token));
    }

    [Fact]
    public async Task FetchAsync_AnyRequest_SendsTheConfiguredUserAgent()
    {
        using var test = TestFetcher.Create([.. LoopbackAllowed, TestFetcher.Setting("UserAgent", "TenderBot/2.0")]);

        var result = await test.Fetcher.FetchAsync(server.Url("/user-agent"), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        await using var response = result.Response;
        Assert.Equal("TenderBot/2.0", await new StreamReader(response.Body).ReadToEndAsync(Ct));
    }

    private async Task<(long Read, Exception? Error)> ReadToEnd(Stream body)
    {
        var buffer = new byte[3000];
        long total = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, Ct)) > 0)
            {
                total += read;
            }

            return (total, null);
        }
        catch (Exception e)
        {
            return (total, e);
        }
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
