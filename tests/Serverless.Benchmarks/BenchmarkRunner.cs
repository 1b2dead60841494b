using System.Diagnostics;
using Serverless.Benchmarks.Benchmarks;
using Serverless.Benchmarks.Support;

namespace Serverless.Benchmarks;

/// <summary>
/// Runs the benchmarks in turn and prints one line per figure on stdout as each finishes, then whether the targets
/// were met and a short machine description. Progress goes to stderr. A missed target does not fail the run (these
/// machines are shared and noisy); a benchmark that cannot run does (exit 1, with the reason).
/// </summary>
internal static class BenchmarkRunner
{
    private static readonly Benchmark[] All =
    [
        new("http", "HTTP trigger overhead: trivial function vs bare ASP.NET Core endpoint", NeedsServices: false, HttpOverheadBenchmark.RunAsync),
        new("cold-start", "Cold start: process start to first 200 vs the bare app", NeedsServices: false, ColdStartBenchmark.RunAsync),
        new("ingestion", "Notice ingestion: POST /api/tenders vs raw S3 PUT + Npgsql insert", NeedsServices: true, IngestionBenchmark.RunAsync),
        new("large-document", "Large document: streaming upload function vs raw S3 PUT", NeedsServices: true, LargeDocumentBenchmark.RunAsync),
        new("queue", "Queue: no-op queue function vs one-client dequeue/complete loop", NeedsServices: true, QueueBenchmark.RunAsync),
        new("parsing", "Parsing: eForms notices vs XmlReader to the end", NeedsServices: false, ParsingBenchmark.RunAsync),
        new("links", "Link checks: our checker vs linkinator on a loopback web with latency", NeedsServices: false, LinkCheckBenchmark.RunAsync),
        new("link-memory", "Link checker memory: a large run of links vs one a tenth of its size", NeedsServices: false, LinkMemoryBenchmark.RunAsync),
    ];

    public static async Task<int> RunAsync(BenchSettings settings, IReadOnlySet<string>? only)
    {
        var selected = All.Where(b => only is null || only.Contains(b.Name)).ToList();
        if (selected.Count == 0)
        {
            await Console.Error.WriteLineAsync($"No benchmark is named {string.Join(", ", only!)}; the names are {string.Join(", ", All.Select(b => b.Name))}.");
            return 64;
        }

        var loadAtStart = MachineInfo.LoadAverage;
        var started = Stopwatch.GetTimestamp();
        var figures = new List<Figure>();
        await Console.Error.WriteLineAsync($"Benchmarks ({settings.Name} mode{(settings.IsQuick ? ": a smoke run, its figures are too short to trust" : "")})");
        BenchServices? services = null;
        try
        {
            if (selected.Any(b => b.NeedsServices))
            {
                services = await BenchServices.OpenAsync(CancellationToken.None);
            }

            var context = new BenchContext(settings, services, CancellationToken.None);
            foreach (var benchmark in selected)
            {
                await Console.Error.WriteLineAsync($"== {benchmark.Title}");
                foreach (var figure in await benchmark.Run(context))
                {
                    figures.Add(figure);
                    Console.WriteLine(figure.Line);
                }
            }
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"The benchmarks failed: {e}");
            Console.WriteLine($"benchmarks FAILED: {e.GetType().Name}: {e.Message}");
            return 1;
        }
        finally
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }
        }

        var missed = figures.Where(f => f.Missed).Select(f => f.Name).ToList();
        var withTarget = figures.Count(f => f.Target is not null);
        Console.WriteLine(missed.Count == 0
            ? $"targets: all {withTarget} met"
            : $"targets: {withTarget - missed.Count} of {withTarget} met; MISSED: {string.Join(", ", missed)}");
        foreach (var line in MachineInfo.Describe(settings.Name, loadAtStart, Stopwatch.GetElapsedTime(started)))
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private sealed record Benchmark(string Name, string Title, bool NeedsServices, Func<BenchContext, Task<IReadOnlyList<Figure>>> Run);
}
