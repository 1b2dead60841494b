using Serverless.Benchmarks.Functions;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// Cold start: from process start to the first 200 of our host's <c>/admin/host/ping</c>, and on to the first completed
/// invocation of the trivial function, against the bare app's first 200. Medians over several starts, sides alternating.
/// </summary>
internal static class ColdStartBenchmark
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var token = context.CancellationToken;
        var ping = new List<double>();
        var invocation = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < context.Settings.ColdStarts; i++)
        {
            // Alternate which side starts first: a start right after another may find a warmer disk cache.
            for (var side = 0; side < 2; side++)
            {
                if ((side + i) % 2 == 0)
                {
                    await using var host = ServerProcess.Start(ServeModes.Host);
                    ping.Add((await host.WaitForOkAsync("/admin/host/ping", StartTimeout, token)).TotalMilliseconds);
                    invocation.Add((await host.WaitForOkAsync(HelloFunction.Path, StartTimeout, token)).TotalMilliseconds);
                    BenchContext.Log($"start {i + 1} host: ping {ping[^1]:0} ms, first invocation {invocation[^1]:0} ms");
                }
                else
                {
                    await using var server = ServerProcess.Start(ServeModes.Bare);
                    bare.Add((await server.WaitForOkAsync(HelloFunction.Path, StartTimeout, token)).TotalMilliseconds);
                    BenchContext.Log($"start {i + 1} bare: first 200 {bare[^1]:0} ms");
                }
            }
        }

        var floor = Percentiles.Median(bare);
        return
        [
            new Figure("cold-start-ping", Percentiles.Median(ping), floor, "ms", new Target.RatioAtMost(1.5)),
            new Figure("cold-start-first-invocation", Percentiles.Median(invocation), floor, "ms", new Target.RatioAtMost(1.5)),
        ];
    }
}
