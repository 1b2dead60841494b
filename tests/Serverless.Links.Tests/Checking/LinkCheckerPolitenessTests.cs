using Serverless.Links.Checking;
using Serverless.Links.Tests.Support;

namespace Serverless.Links.Tests.Checking;

/// <summary>Per-host concurrency and interval, global concurrency, each URL checked once per run.</summary>
public sealed class LinkCheckerPolitenessTests
{
    [Fact]
    public async Task CheckAllAsync_OneHost_RequestStartsAreSpacedByTheHostInterval()
    {
        var test = TestChecker.Create(o => (o.HostConcurrency, o.HostRequestInterval) = (1, TimeSpan.FromSeconds(2)));
        var urls = Enumerable.Range(1, 4).Select(i => $"https://slow.test/{i}").ToArray();
        foreach (var url in urls)
        {
            test.Transport.Route(url, Answer.Ok());
        }

        await test.RunAsync(urls);

        var starts = test.Transport.Sent.Select(s => s.At - JumpingTimeProvider.Start).Order();
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)], starts);
    }

    [Fact]
    public async Task CheckAllAsync_ManyUrlsOnTwoHosts_NeverMoreThanHostConcurrencyInFlightPerHost()
    {
        var test = TestChecker.Create(o => (o.HostConcurrency, o.HostRequestInterval, o.MaxConcurrency) = (2, TimeSpan.Zero, 16));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        test.Transport.Hold = (_, _) => release.Task;
        var urls = new[] { "a.test", "b.test" }.SelectMany(host => Enumerable.Range(1, 10).Select(i => $"https://{host}/{i}")).ToArray();
        foreach (var url in urls)
        {
            test.Transport.Route(url, Answer.Ok());
        }

        var run = test.RunAsync(urls);
        await WaitUntil(() => test.Transport.InFlight("a.test") == 2 && test.Transport.InFlight("b.test") == 2);
        await Task.Delay(100); // room for a third request to a host to sneak in, if the limit were broken
        var heldPerHost = (test.Transport.InFlight("a.test"), test.Transport.InFlight("b.test"));
        release.SetResult();
        var results = await run;

        Assert.Equal((2, 2), heldPerHost);
        Assert.Equal(2, test.Transport.MaxInFlight("a.test"));
        Assert.Equal(2, test.Transport.MaxInFlight("b.test"));
        Assert.Equal(20, results.Count);
        Assert.All(results, r => Assert.Equal(LinkStatus.Ok, r.Status));
    }

    [Fact]
    public async Task CheckAllAsync_ManyHosts_NeverMoreThanMaxConcurrencyInFlight()
    {
        var test = TestChecker.Create(o => (o.MaxConcurrency, o.HostRequestInterval) = (3, TimeSpan.Zero));
        test.Transport.Hold = (_, _) => Task.Delay(20);
        var urls = Enumerable.Range(1, 12).Select(i => $"https://host{i}.test/").ToArray();
        foreach (var url in urls)
        {
            test.Transport.Route(url, Answer.Ok());
        }

        var results = await test.RunAsync(urls);

        Assert.Equal(12, results.Count);
        Assert.Equal(3, test.Transport.MaxInFlightTotal);
    }

    [Fact]
    public async Task CheckAllAsync_TwoRunsAtOnce_ShareTheGlobalLimit()
    {
        var test = TestChecker.Create(o => (o.MaxConcurrency, o.HostRequestInterval) = (2, TimeSpan.Zero));
        test.Transport.Hold = (_, _) => Task.Delay(20);
        var first = Enumerable.Range(1, 6).Select(i => $"https://first{i}.test/").ToArray();
        var second = Enumerable.Range(1, 6).Select(i => $"https://second{i}.test/").ToArray();
        foreach (var url in first.Concat(second))
        {
            test.Transport.Route(url, Answer.Ok());
        }

        var runs = await Task.WhenAll(test.RunAsync(first), test.RunAsync(second));

        Assert.Equal([6, 6], runs.Select(r => r.Count));
        Assert.Equal(2, test.Transport.MaxInFlightTotal);
    }

    [Fact]
    public async Task CheckAllAsync_SameUrlTwiceAndWithFragments_IsRequestedOnceAndReportedPerDistinctInput()
    {
        var test = TestChecker.Create();
        test.Transport.Route("https://a.test/doc", Answer.Ok());

        var results = await test.RunAsync("https://a.test/doc", "https://a.test/doc#intro", "https://a.test/doc", "https://a.test/doc#usage");

        Assert.Single(test.Transport.Sent);
        Assert.Equal(["https://a.test/doc", "https://a.test/doc#intro", "https://a.test/doc#usage"], results.Select(r => r.Url).Order());
        Assert.All(results, r => Assert.Equal(LinkStatus.Ok, r.Status));
    }

    [Fact]
    public async Task CheckAllAsync_RedirectChainsMeetingOnOneUrl_AreEachFollowed()
    {
        // Dedupe is per input URL: two links that end at the same page are two checks, each with its own chain.
        var test = TestChecker.Create();
        test.Transport
            .Route("https://a.test/x", Answer.Redirect(301, "/final"))
            .Route("https://a.test/y", Answer.Redirect(301, "/final"))
            .Route("https://a.test/final", Answer.Ok());

        var results = await test.RunAsync("https://a.test/x", "https://a.test/y");

        Assert.All(results, r => Assert.Equal("https://a.test/final", r.FinalUrl));
        Assert.Equal(2, test.Transport.To("https://a.test/final").Count());
    }

    [Fact]
    public async Task CheckAllAsync_CancelledByTheCaller_ThrowsOperationCanceled()
    {
        var test = TestChecker.Create();
        test.Transport.Hold = (_, token) => Task.Delay(Timeout.Infinite, token);
        test.Transport.Route("https://a.test/", Answer.Ok());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in test.Checker.CheckAllAsync(["https://a.test/"], cancel.Token))
            {
            }
        });
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 10 s.");
            await Task.Delay(5);
        }
    }
}
