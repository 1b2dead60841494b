using System.Diagnostics;
using Serverless.Benchmarks.Links;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;
using Serverless.Links.Checking;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// Link checks per second against a loopback web with injected latency (<see cref="LinkSite"/>, a child process):
/// our checker (<see cref="OurLinkChecker"/>) against linkinator (<see cref="LinkinatorSide"/>) on the same links in
/// the same run, at the same global concurrency, and whether their verdicts agree (<see cref="VerdictComparison"/>).
/// Without linkinator (not installed, offline) our side still runs and is checked against the server's fates.
/// </summary>
internal static class LinkCheckBenchmark
{
    /// <summary>linkinator's default <c>--concurrency</c>; ours gets the same <c>LinkChecker:MaxConcurrency</c>.</summary>
    public const int Concurrency = 100;

    /// <summary>
    /// Loopback addresses the links are spread over. Our politeness allows a host one request start per 50 ms, so 20
    /// requests per second per host: this many hosts let ours reach 2,000 requests per second, more than 100 requests in
    /// flight at 20 to 50 ms each can make, so the per-host limits shape the order of our requests, not the rate.
    /// </summary>
    public const int Hosts = 100;

    private const int WarmUpLinks = 300;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The same on both sides: ours by default, linkinator's <c>--timeout</c> (it has none by default).</summary>
    private static readonly TimeSpan RequestTimeout = LinkCheckerOptions.DefaultTimeout;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var token = context.CancellationToken;
        var links = context.Settings.LinkChecks;
        await using var server = ServerProcess.Start(ServeModes.Links, null, $"--hosts={Hosts}", "--latency=true");
        await server.WaitForOkAsync(LinkSite.PingPath, StartTimeout, token);
        var site = new LinkSite(server.Address.Port, Hosts, WithLatency: true);
        var urls = Enumerable.Range(0, links).Select(site.Url).ToList();

        LinkinatorSide? linkinator = null;
        string? unavailable = null;
        try
        {
            linkinator = await LinkinatorSide.StartAsync(token);
            BenchContext.Log($"{linkinator.Description}; {links} links over {Hosts} loopback hosts, {LinkSite.MinLatencyMilliseconds}-{LinkSite.MaxLatencyMilliseconds} ms each, concurrency {Concurrency} both sides");
        }
        catch (LinkinatorUnavailableException e)
        {
            unavailable = e.Message;
            BenchContext.Log($"linkinator unavailable, our side only: {e.Message}");
        }

        await using (linkinator)
        {
            async Task<OurRound> Ours(IReadOnlyList<string> checkedUrls)
            {
                await using var ours = OurLinkChecker.Create(Concurrency);
                var results = new Dictionary<string, LinkCheckResult>(checkedUrls.Count, StringComparer.Ordinal);
                var started = Stopwatch.GetTimestamp();
                await foreach (var result in ours.Checker.CheckAllAsync(checkedUrls, token))
                {
                    results[result.Url] = result;
                }

                return new OurRound(Stopwatch.GetElapsedTime(started).TotalSeconds, results);
            }

            async Task<LinkinatorRun> Theirs(int count)
            {
                var run = await linkinator!.CheckAsync(site.IndexUrl(count), Concurrency, RequestTimeout, token);
                return run.Links.Count == count ? run : throw new InvalidOperationException($"linkinator reported {run.Links.Count} links of the {count} on the page.");
            }

            BenchContext.Log($"warming up with {WarmUpLinks} links each side");
            await Ours(urls.Take(WarmUpLinks).ToList());
            if (linkinator is not null)
            {
                await Theirs(WarmUpLinks);
            }

            List<OurRound> ours;
            List<LinkinatorRun>? theirs = null;
            if (linkinator is null)
            {
                ours = [];
                for (var round = 0; round < context.Settings.Rounds; round++)
                {
                    ours.Add(Logged(round, links, await Ours(urls)));
                }
            }
            else
            {
                (ours, theirs) = await context.AlternateAsync(
                    async round => Logged(round, links, await Ours(urls)),
                    async round => Logged(round, links, await Theirs(links)));
            }

            var oursRate = links * ours.Count / ours.Sum(r => r.Seconds);
            var verdicts = VerdictComparison.Compare(site, links, ours[^1].Results, theirs?[^1].Links.ToDictionary(l => l.Url, StringComparer.Ordinal), unavailable);
            var checks = theirs is null
                ? Figure.Skipped("link-checks", $"linkinator unavailable ({unavailable}); ours {Figure.Number(oursRate)} checks/s")
                : new Figure("link-checks", oursRate, links * theirs.Count / theirs.Sum(r => r.Seconds), "checks/s", new Target.RatioAtLeast(1.0));
            return [checks, verdicts];
        }
    }

    private static OurRound Logged(int round, int links, OurRound result)
    {
        var statuses = result.Results.Values.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key.ToName()} {g.Count()}");
        BenchContext.Log($"round {round + 1} ours: {links} links in {result.Seconds:0.00} s ({links / result.Seconds:0} checks/s); {string.Join(", ", statuses)}");
        return result;
    }

    private static LinkinatorRun Logged(int round, int links, LinkinatorRun run)
    {
        var states = run.Links.GroupBy(l => l.State).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        BenchContext.Log($"round {round + 1} linkinator: {links} links in {run.Seconds:0.00} s ({links / run.Seconds:0} checks/s); {string.Join(", ", states)}");
        return run;
    }

    private sealed record OurRound(double Seconds, Dictionary<string, LinkCheckResult> Results);
}
