using Microsoft.Extensions.Options;
using Serverless.Links.Checking;

namespace Serverless.Links.Tests.Support;

/// <summary>A <see cref="LinkChecker"/> over the fake transport and the jumping clock.</summary>
internal sealed class TestChecker
{
    private TestChecker(LinkCheckerOptions options)
    {
        Options = options;
        Time = new JumpingTimeProvider();
        Transport = new FakeLinkTransport(Time);
        Checker = new LinkChecker(Transport, Microsoft.Extensions.Options.Options.Create(options), Time);
    }

    public LinkCheckerOptions Options { get; }

    public JumpingTimeProvider Time { get; }

    public FakeLinkTransport Transport { get; }

    public LinkChecker Checker { get; }

    /// <summary>Default options, changed by <paramref name="configure"/>.</summary>
    public static TestChecker Create(Action<LinkCheckerOptions>? configure = null)
    {
        var options = new LinkCheckerOptions();
        configure?.Invoke(options);
        return new TestChecker(options);
    }

    public async Task<List<LinkCheckResult>> RunAsync(params string[] urls)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var results = new List<LinkCheckResult>();
        await foreach (var result in Checker.CheckAllAsync(urls, timeout.Token))
        {
            results.Add(result);
        }

        return results;
    }

    public async Task<LinkCheckResult> CheckAsync(string url) => Assert.Single(await RunAsync(url));
}
