using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Serverless.Benchmarks.Support;
using Serverless.Links.Checking;

namespace Serverless.Benchmarks.Links;

/// <summary>
/// The <c>check-links</c> mode: in a fresh process, warms our checker up, then checks <c>--links=N</c> links of the
/// loopback web (<see cref="LinkSite"/>) handed over as a lazy sequence, reading each result and keeping none, and prints
/// one JSON line (<see cref="LinkMemoryReport"/>) with the peak resident memory above what the process used before.
/// With <c>--chunk=0</c> all links go to one <see cref="ILinkChecker.CheckAllAsync"/> call; with <c>--chunk=C</c> they
/// go as the report pipeline sends them: one call per chunk of C links, <see cref="ChunksAtOnce"/> calls at a time.
/// </summary>
internal static class LinkMemoryProbe
{
    /// <summary>Check messages a host instance runs at once: the repository's host.json, <c>queues.batchSize</c>.</summary>
    public const int ChunksAtOnce = 16;

    private const int WarmUpLinks = 1_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        int Read(string name) => int.Parse(configuration[name] ?? throw new ArgumentException($"--{name}=... is missing."), CultureInfo.InvariantCulture);
        var site = new LinkSite(Read("port"), Read("hosts"), WithLatency: false);
        var links = Read("links");
        var chunk = Read("chunk");

        await using var ours = OurLinkChecker.Create(Read("concurrency"));

        // JIT, connection pools and the table of hosts are there before the baseline; the warm-up links are others.
        await CountAsync(ours.Checker, Urls(site, links, WarmUpLinks), chunk);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var watch = PeakResidentWatch.Start(ProcessMemory.Self);
        var started = Stopwatch.GetTimestamp();
        var statuses = await CountAsync(ours.Checker, Urls(site, 0, links), chunk);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var growth = await watch.StopAsync();
        Console.WriteLine(JsonSerializer.Serialize(new LinkMemoryReport(links, statuses.Values.Sum(), seconds, watch.BaselineBytes, growth, statuses), Json));
        return 0;
    }

    /// <summary>Made one at a time as the checker asks: no list of the links exists outside the checker.</summary>
    private static IEnumerable<string> Urls(LinkSite site, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            yield return site.Url(i);
        }
    }

    private static async Task<SortedDictionary<string, int>> CountAsync(ILinkChecker checker, IEnumerable<string> urls, int chunk)
    {
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        async Task CheckAsync(IEnumerable<string> some)
        {
            await foreach (var result in checker.CheckAllAsync(some, CancellationToken.None))
            {
                var name = result.Status.ToName();
                lock (statuses)
                {
                    statuses[name] = statuses.GetValueOrDefault(name) + 1;
                }
            }
        }

        if (chunk == 0)
        {
            await CheckAsync(urls);
        }
        else
        {
            // Chunks are cut from the lazy sequence as they are taken, like check messages read from the queue.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = ChunksAtOnce };
            await Parallel.ForEachAsync(urls.Chunk(chunk), parallel, async (some, _) => await CheckAsync(some));
        }

        return statuses;
    }
}
