using Serverless.Links.Checking;
using Serverless.Links.Tests.Support;

namespace Serverless.Links.Tests.Checking;

/// <summary>The input is read a window ahead of the checks, not whole, and a run still requests each URL once.</summary>
public sealed class LinkCheckerWindowTests
{
    [Fact]
    public async Task CheckAllAsync_100000Urls_FirstRequestAndFirstResultComeOnceOneWindowIsRead()
    {
        // One worker, so the count at the first request is exact: the first take reads one window, nothing more.
        var test = TestChecker.Create(o => (o.MaxConcurrency, o.HostRequestInterval) = (1, TimeSpan.Zero));
        var urls = new CountingUrls(100_000, i => $"https://host{i % 50}.test/{i}", url => test.Transport.Route(url, Answer.Ok()));
        var pulledAtFirstRequest = -1;
        test.Transport.Hold = (_, _) =>
        {
            Interlocked.CompareExchange(ref pulledAtFirstRequest, urls.Pulled, -1);
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        LinkCheckResult? first = null;
        var pulledAtFirstResult = -1;
        await foreach (var result in test.Checker.CheckAllAsync(urls, timeout.Token))
        {
            (first, pulledAtFirstResult) = (result, urls.Pulled);
            break;
        }

        Assert.Equal(CheckPlan.Window, pulledAtFirstRequest);
        // By the first result the worker may have taken two more checks (one result waits in the channel of one, the
        // next blocks on it): each take tops the window up by one URL.
        Assert.InRange(pulledAtFirstResult, CheckPlan.Window, CheckPlan.Window + 2);
        Assert.Equal(("https://host0.test/0", LinkStatus.Ok), (first!.Url, first.Status));
        Assert.True(urls.Disposed, "Stopping early lets go of the input.");
    }

    [Fact]
    public async Task CheckAllAsync_DuplicateAndFragmentSiblingAfterTheFirstWindow_AreRequestedOnceAndReportedPerDistinctInput()
    {
        var test = TestChecker.Create(o => o.HostRequestInterval = TimeSpan.Zero);
        var fillers = Enumerable.Range(0, CheckPlan.Window + 10).Select(i => $"https://host{i % 64}.test/{i}").ToArray();
        foreach (var url in fillers.Append("https://a.test/doc"))
        {
            test.Transport.Route(url, Answer.Ok());
        }

        var results = await test.RunAsync([.. fillers.Prepend("https://a.test/doc"), "https://a.test/doc", "https://a.test/doc#later"]);

        Assert.Single(test.Transport.To("https://a.test/doc"));
        var doc = results.Where(r => r.Url.StartsWith("https://a.test/", StringComparison.Ordinal)).OrderBy(r => r.Url, StringComparer.Ordinal).ToList();
        Assert.Equal(["https://a.test/doc", "https://a.test/doc#later"], doc.Select(r => r.Url));
        Assert.All(doc, r => Assert.Equal((LinkStatus.Ok, 200), (r.Status, r.HttpStatus)));
        Assert.Equal(CheckPlan.Window + 12, results.Count);
        Assert.Equal(CheckPlan.Window + 11, test.Transport.Sent.Count);
    }
}
