using System.Globalization;
using System.Text.Json;
using Serverless.Benchmarks.Links;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;
using Serverless.Links.Checking;
using Serverless.Links.Reports;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// Memory of a large run of link checks: the peak resident growth of a fresh process (<see cref="LinkMemoryProbe"/>)
/// whose checker is handed 100,000 links as a lazy sequence, against one handed a tenth of that; flat means the large
/// run needs not much more than the small one. Twice: <c>link-report-memory</c> sends them as the report pipeline does
/// (chunks of <c>LinkReports:ChunkSize</c>, 16 at a time), <c>link-check-memory</c> in one call of the checker. The
/// links go to the loopback web without latency, over many hosts so that per-host politeness does not make it long.
/// Memory is steadier than time, so each size is measured once.
/// </summary>
internal static class LinkMemoryBenchmark
{
    /// <summary>Our politeness allows 20 request starts per second per host; 250 hosts allow 5,000 per second.</summary>
    public const int Hosts = 250;

    private const double Megabyte = 1_000_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var token = context.CancellationToken;
        if (context.Settings.LinkMemoryLinks is not var (large, small))
        {
            const string Why = "not in quick mode (runs small enough for a smoke run would say nothing about flatness)";
            return [Figure.Skipped("link-report-memory", Why), Figure.Skipped("link-check-memory", Why)];
        }

        await using var server = ServerProcess.Start(ServeModes.Links, null, $"--hosts={Hosts}", "--latency=false");
        await server.WaitForOkAsync(LinkSite.PingPath, StartTimeout, token);
        var port = server.Address.Port;

        async Task<LinkMemoryReport> Measure(int links, int chunk)
        {
            await using var probe = ChildProcess.Start(ServeModes.CheckLinks,
                [$"--port={port}", $"--hosts={Hosts}", $"--links={links}", $"--chunk={chunk}", $"--concurrency={LinkCheckerOptions.DefaultMaxConcurrency}"]);
            var exit = await probe.WaitForExitAsync(RunTimeout, token);
            var line = probe.RecentOutput.Split(Environment.NewLine).LastOrDefault(l => l.StartsWith('{'));
            var report = exit == 0 && line is not null ? JsonSerializer.Deserialize<LinkMemoryReport>(line, Json) : null;
            if (report is null || report.Results != links)
            {
                throw new InvalidOperationException($"check-links over {links} links {(exit == 0 ? $"read {report?.Results} results" : $"exited with {exit}")}:{Environment.NewLine}{probe.RecentOutput}");
            }

            BenchContext.Log(string.Create(CultureInfo.InvariantCulture,
                $"{links} links{(chunk == 0 ? " in one call" : $" in chunks of {chunk}")} in {report.Seconds:0.0} s ({links / report.Seconds:0} checks/s): peak RSS +{report.PeakGrowthBytes / Megabyte:0.0} MB above {report.BaselineBytes / Megabyte:0} MB; {string.Join(", ", report.Statuses.Select(s => $"{s.Key} {s.Value}"))}"));
            return report;
        }

        Figure Flatness(string name, LinkMemoryReport largeRun, LinkMemoryReport smallRun) =>
            new(name, largeRun.PeakGrowthBytes / Megabyte, smallRun.PeakGrowthBytes / Megabyte, "MB", new Target.RatioAtMost(1.5))
            {
                OursNote = string.Create(CultureInfo.InvariantCulture, $"{large:N0} links"),
                FloorNote = string.Create(CultureInfo.InvariantCulture, $"{small:N0} links"),
            };

        var chunk = LinkReportOptions.DefaultChunkSize;
        return
        [
            Flatness("link-report-memory", await Measure(large, chunk), await Measure(small, chunk)),
            Flatness("link-check-memory", await Measure(large, 0), await Measure(small, 0)),
        ];
    }
}
