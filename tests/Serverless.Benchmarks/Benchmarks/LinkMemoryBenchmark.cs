using System.Globalization;
using System.Text.Json;
using Serverless.Benchmarks.Links;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;
using Serverless.Links.Checking;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// Memory of a large run of link checks: the peak resident growth of a fresh process (<see cref="LinkMemoryProbe"/>)
/// whose checker is handed 100,000 links as a lazy sequence, against one handed a tenth of that. Flat means the large
/// run needs not much more than the small one: what grows with the links is then only what must (the run's plan).
/// The links go to the loopback web without latency, over many hosts so that per-host politeness does not make it long.
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
        var (large, small) = context.Settings.LinkMemoryLinks;
        await using var server = ServerProcess.Start(ServeModes.Links, null, $"--hosts={Hosts}", "--latency=false");
        await server.WaitForOkAsync(LinkSite.PingPath, StartTimeout, token);
        var port = server.Address.Port;

        async Task<LinkMemoryReport> Measure(int links)
        {
            await using var probe = ChildProcess.Start(ServeModes.CheckLinks,
                [$"--port={port}", $"--hosts={Hosts}", $"--links={links}", $"--concurrency={LinkCheckerOptions.DefaultMaxConcurrency}"]);
            var exit = await probe.WaitForExitAsync(RunTimeout, token);
            var line = probe.RecentOutput.Split(Environment.NewLine).LastOrDefault(l => l.StartsWith('{'));
            var report = exit == 0 && line is not null ? JsonSerializer.Deserialize<LinkMemoryReport>(line, Json) : null;
            if (report is null || report.Results != links)
            {
                throw new InvalidOperationException($"check-links over {links} links {(exit == 0 ? $"read {report?.Results} results" : $"exited with {exit}")}:{Environment.NewLine}{probe.RecentOutput}");
            }

            BenchContext.Log(string.Create(CultureInfo.InvariantCulture,
                $"{links} links in {report.Seconds:0.0} s ({links / report.Seconds:0} checks/s): peak RSS +{report.PeakGrowthBytes / Megabyte:0.0} MB above {report.BaselineBytes / Megabyte:0} MB; {string.Join(", ", report.Statuses.Select(s => $"{s.Key} {s.Value}"))}"));
            return report;
        }

        var (largeRuns, smallRuns) = await context.AlternateAsync(_ => Measure(large), _ => Measure(small));
        return
        [
            new Figure("link-report-memory", largeRuns.Max(r => r.PeakGrowthBytes) / Megabyte, smallRuns.Max(r => r.PeakGrowthBytes) / Megabyte, "MB", new Target.RatioAtMost(1.5))
            {
                OursNote = string.Create(CultureInfo.InvariantCulture, $"{large:N0} links"),
                FloorNote = string.Create(CultureInfo.InvariantCulture, $"{small:N0} links"),
            },
        ];
    }
}
