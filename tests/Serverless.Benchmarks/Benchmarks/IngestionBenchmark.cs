using System.Net;
using System.Net.Http.Headers;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;
using Serverless.Functions;
using Serverless.Functions.Links;
using Serverless.Functions.Tenders;
using Serverless.Host;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// Notice ingestion end to end: <c>POST /api/tenders</c> of the real function app (in this process, keys on) with the
/// corpus notices, fresh bytes each time, against the floor of <see cref="FloorTenderWriter"/> run from this process with
/// the same concurrency.
/// </summary>
internal static class IngestionBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var token = context.CancellationToken;
        var notices = Corpus.Notices;
        var floorWriter = new FloorTenderWriter(context.Services, notices);
        await using var host = await InProcessHost.StartAsync(
            context.Services,
            args =>
            {
                // As the function app's Program.cs: the timer binding of the link re-checks needs its default schedule.
                var builder = ServerlessApplication.CreateBuilder(args, typeof(IngestTender).Assembly);
                builder.Configuration.AddLinkDefaults();
                return builder;
            },
            services => services.AddTenderApp(),
            token);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.IngestionConcurrency, UseProxy = false })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Add("x-functions-key", host.MasterKey);

        var next = -1;
        CorpusFile NextNotice() => notices[(int)((uint)Interlocked.Increment(ref next) % (uint)notices.Count)];

        async Task Ours(CancellationToken ct)
        {
            var notice = NextNotice();
            using var content = new ByteArrayContent(notice.Fresh());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            using var response = await client.PostAsync($"/api/tenders?filename={Uri.EscapeDataString(notice.Name)}", content, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST /api/tenders of {notice.Name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            }
        }

        async Task Floor(CancellationToken ct)
        {
            var notice = NextNotice();
            await floorWriter.WriteAsync(notice, notice.Fresh(), ct).ConfigureAwait(false);
        }

        BenchContext.Log($"{notices.Count} corpus notices, {settings.IngestionConcurrency} at a time; warming up");
        await FixedConcurrency.RunAsync(settings.IngestionConcurrency, settings.WarmUp, Ours, token);
        await FixedConcurrency.RunAsync(settings.IngestionConcurrency, settings.WarmUp, Floor, token);
        var (ours, floor) = await context.AlternateAsync(
            async round => Logged("host", round, await FixedConcurrency.RunAsync(settings.IngestionConcurrency, settings.IngestionRound, Ours, token)),
            async round => Logged("floor", round, await FixedConcurrency.RunAsync(settings.IngestionConcurrency, settings.IngestionRound, Floor, token)));
        return [new Figure("ingestion", LoadResult.Combine(ours).PerSecond, LoadResult.Combine(floor).PerSecond, "notices/s", new Target.RatioAtLeast(0.8))];
    }

    private static LoadResult Logged(string side, int round, LoadResult result)
    {
        BenchContext.Log($"round {round + 1} {side}: {result.Operations} notices, {result.PerSecond:0.0}/s, p50 {result.PercentileMs(50):0} ms");
        return result;
    }
}
