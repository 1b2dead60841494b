using System.Globalization;
using Serverless.Links.Checking;
using Serverless.Links.Ports;
using Serverless.Links.Tests.Support;

namespace Serverless.Links.Tests.Checking;

/// <summary>Exactly one layer retries, transient failures only; Retry-After honoured (seconds and HTTP-date) and capped.</summary>
public sealed class LinkCheckerRetryTests
{
    private const string Url = "https://site.test/page";

    [Theory]
    // Transient: the same method again, MaxRetries (2) times.
    [InlineData("timeout", 3)]
    [InlineData("connect-timeout", 3)]
    [InlineData("reset", 3)]
    [InlineData("429", 3)]
    // A 5xx to HEAD goes to GET, which is retried: 1 HEAD + 3 GET.
    [InlineData("500", 4)]
    [InlineData("503", 4)]
    // Not transient: asked once per method.
    [InlineData("501", 2)]
    [InlineData("404", 2)]
    [InlineData("410", 2)]
    [InlineData("403", 2)]
    [InlineData("dns", 1)]
    [InlineData("refused", 1)]
    [InlineData("tls", 1)]
    [InlineData("blocked-address", 1)]
    public async Task CheckAllAsync_Answer_IsRetriedOnlyWhenTransient(string answer, int attempts)
    {
        var test = TestChecker.Create(o => o.MaxRetries = 2);
        test.Transport.Route(Url, answer switch
        {
            "timeout" => Answer.Failed(LinkTransportFailure.Timeout),
            "connect-timeout" => Answer.Failed(LinkTransportFailure.ConnectTimeout),
            "reset" => Answer.Failed(LinkTransportFailure.ConnectionReset),
            "dns" => Answer.Failed(LinkTransportFailure.DnsNotFound),
            "refused" => Answer.Failed(LinkTransportFailure.ConnectionRefused),
            "tls" => Answer.Failed(LinkTransportFailure.Tls),
            "blocked-address" => Answer.Failed(LinkTransportFailure.BlockedAddress),
            _ => Answer.Status(int.Parse(answer, CultureInfo.InvariantCulture)),
        });

        var result = await test.CheckAsync(Url);

        Assert.Equal(attempts, result.Attempts);
        Assert.Equal(attempts, test.Transport.Sent.Count);
    }

    [Fact]
    public async Task CheckAllAsync_TimeoutThenOk_IsOkAfterTwoAttempts()
    {
        var test = TestChecker.Create();
        test.Transport.Route(Url, Answer.Failed(LinkTransportFailure.Timeout), Answer.Ok());

        var result = await test.CheckAsync(Url);

        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_RepeatedTimeouts_WaitRetryDelayDoubledEachTime()
    {
        var test = TestChecker.Create(o => (o.MaxRetries, o.RetryDelay) = (3, TimeSpan.FromSeconds(2)));
        test.Transport.Route(Url, Answer.Failed(LinkTransportFailure.Timeout));

        var result = await test.CheckAsync(Url);

        var sent = test.Transport.Sent.Select(s => s.At - JumpingTimeProvider.Start).ToArray();
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(14)], sent);
        Assert.Equal(LinkStatus.Timeout, result.Status);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(14), result.Elapsed);
    }

    [Fact]
    public async Task CheckAllAsync_429WithRetryAfterSeconds_WaitsThatLongThenSucceeds()
    {
        var test = TestChecker.Create();
        test.Transport.Route(Url, Answer.RetryAfter(429, "7"), Answer.Ok());

        var result = await test.CheckAsync(Url);

        var sent = test.Transport.Sent.ToArray();
        Assert.Equal(2, sent.Length);
        Assert.Equal(TimeSpan.FromSeconds(7), sent[1].At - sent[0].At);
        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_429WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        var test = TestChecker.Create();
        // JumpingTimeProvider.Start is Sat, 01 Mar 2025 12:00:00 GMT; the server asks for 12:00:30.
        test.Transport.Route(Url, Answer.RetryAfter(429, "Sat, 01 Mar 2025 12:00:30 GMT"), Answer.Ok());

        var result = await test.CheckAsync(Url);

        var sent = test.Transport.Sent.ToArray();
        Assert.Equal([JumpingTimeProvider.Start, new DateTimeOffset(2025, 3, 1, 12, 0, 30, TimeSpan.Zero)], sent.Select(s => s.At));
        Assert.Equal(LinkStatus.Ok, result.Status);
    }

    [Fact]
    public async Task CheckAllAsync_503WithShortRetryAfterOnGet_WaitsThenRetriesTheGet()
    {
        var test = TestChecker.Create();
        var gets = 0;
        test.Transport.Route(Url, request => request.Method == LinkMethod.Head ? Answer.Status(405)
            : Interlocked.Increment(ref gets) == 1 ? Answer.RetryAfter(503, "5") : Answer.Ok());

        var result = await test.CheckAsync(Url);

        var sent = test.Transport.Sent.ToArray();
        Assert.Equal([LinkMethod.Head, LinkMethod.Get, LinkMethod.Get], sent.Select(s => s.Method));
        Assert.Equal(TimeSpan.FromSeconds(5), sent[2].At - sent[1].At);
        Assert.Equal(LinkStatus.Ok, result.Status);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public async Task CheckAllAsync_RetryAfterLongerThanMaxRetryAfter_IsRateLimitedWithoutWaiting()
    {
        var test = TestChecker.Create(o => o.MaxRetryAfter = TimeSpan.FromSeconds(60));
        test.Transport.Route(Url, Answer.RetryAfter(429, "3600"));

        var result = await test.CheckAsync(Url);

        Assert.Equal(LinkStatus.RateLimited, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(TimeSpan.Zero, result.Elapsed);
        Assert.Equal("Retry-After 3600 s is longer than LinkChecker:MaxRetryAfter (00:01:00)", result.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_HostThatAskedForAnHour_IsNotAskedAgainInTheSameRun()
    {
        // One worker, so /a is asked before /b.
        var test = TestChecker.Create(o => (o.MaxConcurrency, o.MaxRetryAfter) = (1, TimeSpan.FromSeconds(60)));
        test.Transport.Route("https://site.test/a", Answer.RetryAfter(429, "3600"));
        test.Transport.Route("https://site.test/b", Answer.Ok());

        var results = await test.RunAsync("https://site.test/a", "https://site.test/b");

        Assert.Equal(["https://site.test/a"], test.Transport.Sent.Select(s => s.Url));
        var b = Assert.Single(results, r => r.Url == "https://site.test/b");
        Assert.Equal(LinkStatus.RateLimited, b.Status);
        Assert.Equal(0, b.Attempts);
        Assert.Equal("the host asked not to be asked before 2025-03-01 13:00:00Z", b.Detail);
    }

    [Fact]
    public async Task CheckAllAsync_429WithoutRetryAfter_AfterAllRetriesIsRateLimited()
    {
        var test = TestChecker.Create(o => o.MaxRetries = 1);
        test.Transport.Route(Url, Answer.Status(429));

        var result = await test.CheckAsync(Url);

        Assert.Equal(LinkStatus.RateLimited, result.Status);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal([LinkMethod.Head, LinkMethod.Head], test.Transport.Sent.Select(s => s.Method));
    }
}
