namespace Serverless.Benchmarks.Support;

/// <summary>Percentiles and medians of samples.</summary>
internal static class Percentiles
{
    /// <summary>Nearest rank of sorted Stopwatch ticks, in milliseconds; NaN when there is no sample.</summary>
    public static double NearestRankMs(long[] sortedTicks, double p)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sortedTicks.Length);
        return LoadResult.TicksToMs(sortedTicks[Math.Clamp(rank - 1, 0, sortedTicks.Length - 1)]);
    }

    public static double NearestRank(IEnumerable<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> samples) => NearestRank(samples, 50);
}
