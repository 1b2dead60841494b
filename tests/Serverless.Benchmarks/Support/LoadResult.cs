using System.Diagnostics;

namespace Serverless.Benchmarks.Support;

/// <summary>Operations completed in a measured time, with the latency of each (Stopwatch ticks).</summary>
internal sealed class LoadResult
{
    private readonly long[] _latencies;

    public LoadResult(long operations, TimeSpan elapsed, IEnumerable<long> latencyTicks)
    {
        Operations = operations;
        Elapsed = elapsed;
        _latencies = [.. latencyTicks];
        Array.Sort(_latencies);
    }

    public long Operations { get; }

    public TimeSpan Elapsed { get; }

    public double PerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile in milliseconds (<paramref name="p"/> from 0 to 100).</summary>
    public double PercentileMs(double p) => Percentiles.NearestRankMs(_latencies, p);

    /// <summary>The rounds of one side taken together: all operations over all measured time, all latencies.</summary>
    public static LoadResult Combine(IReadOnlyCollection<LoadResult> rounds) =>
        new(rounds.Sum(r => r.Operations), TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)), rounds.SelectMany(r => r._latencies));

    internal static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
