using System.Net;
using Serverless.Benchmarks.Functions;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// HTTP trigger overhead: the trivial function through our host against a bare ASP.NET Core minimal endpoint doing
/// the same work. Both are child processes of this program (same build), loaded in turn by the same fixed-concurrency
/// keep-alive client on loopback.
/// </summary>
internal static class HttpOverheadBenchmark
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var token = context.CancellationToken;
        await using var host = ServerProcess.Start(ServeModes.Host);
        await using var bare = ServerProcess.Start(ServeModes.Bare);
        await host.WaitForOkAsync(HelloFunction.Path, StartTimeout, token);
        await bare.WaitForOkAsync(HelloFunction.Path, StartTimeout, token);

        using var hostClient = Client(host.Address, settings.HttpConnections);
        using var bareClient = Client(bare.Address, settings.HttpConnections);
        Func<CancellationToken, Task> Hello(HttpClient client) => async ct =>
        {
            using var response = await client.GetAsync(HelloFunction.Path, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK || text != HelloFunction.Text)
            {
                throw new InvalidOperationException($"GET {client.BaseAddress}{HelloFunction.Path} answered {(int)response.StatusCode} '{text}'.");
            }
        };

        BenchContext.Log($"warming up both servers ({settings.LongWarmUp.TotalSeconds:0.#} s each, {settings.HttpConnections} connections)");
        await FixedConcurrency.RunAsync(settings.HttpConnections, settings.LongWarmUp, Hello(hostClient), token);
        await FixedConcurrency.RunAsync(settings.HttpConnections, settings.LongWarmUp, Hello(bareClient), token);

        var (ours, floor) = await context.AlternateAsync(
            async round => Logged("host", round, await FixedConcurrency.RunAsync(settings.HttpConnections, settings.HttpRound, Hello(hostClient), token)),
            async round => Logged("bare", round, await FixedConcurrency.RunAsync(settings.HttpConnections, settings.HttpRound, Hello(bareClient), token)));
        var a = LoadResult.Combine(ours);
        var b = LoadResult.Combine(floor);
        return
        [
            new Figure("http-throughput", a.PerSecond, b.PerSecond, "req/s", new Target.RatioAtLeast(0.90)),
            new Figure("http-latency-p50", a.PercentileMs(50), b.PercentileMs(50), "ms"),
            new Figure("http-latency-p99", a.PercentileMs(99), b.PercentileMs(99), "ms", new Target.RatioAtMost(1.2)),
        ];
    }

    private static LoadResult Logged(string side, int round, LoadResult result)
    {
        BenchContext.Log($"round {round + 1} {side}: {result.PerSecond:0} req/s, p50 {result.PercentileMs(50):0.00} ms, p99 {result.PercentileMs(99):0.00} ms");
        return result;
    }

    private static HttpClient Client(Uri address, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
