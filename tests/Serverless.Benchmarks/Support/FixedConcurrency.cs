using System.Diagnostics;

namespace Serverless.Benchmarks.Support;

/// <summary>
/// The load generator: <c>concurrency</c> workers each run the operation back to back until the duration is up
/// (a closed loop with a fixed number of requests in flight, like wrk's connections). The time measured runs
/// until the last operation started in time has finished. A failing operation fails the benchmark: a figure
/// made of errors would be meaningless.
/// </summary>
internal static class FixedConcurrency
{
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task<List<long>>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                var latencies = new List<long>(4096);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < deadline)
                {
                    await operation(cancellationToken).ConfigureAwait(false);
                    latencies.Add(Stopwatch.GetTimestamp() - now);
                }

                return latencies;
            }, cancellationToken);
        }

        var all = await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadResult(all.Sum(l => (long)l.Count), elapsed, all.SelectMany(l => l));
    }
}
