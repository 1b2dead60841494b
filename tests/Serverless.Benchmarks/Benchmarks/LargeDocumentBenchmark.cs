using System.Diagnostics;
using System.Net;
using Minio.DataModel.Args;
using Serverless.Benchmarks.Functions;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// A large document: a body sent to an HTTP function of our host (a child process) that streams it into the object
/// store, against a raw S3 PUT of the same stream with the same SDK from this process. Also the peak resident memory
/// of each process above its idle size during the upload: the host must stream, not buffer.
/// </summary>
internal static class LargeDocumentBenchmark
{
    private const double Megabyte = 1_000_000;
    private const long WarmUpBytes = 8_000_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IdleBeforeMeasuring = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var token = context.CancellationToken;
        var services = context.Services;
        var size = context.Settings.LargeDocumentBytes;
        // Kestrel's body limit comes from host.json (100 MB by default); the document is larger on purpose.
        await using var host = ServerProcess.Start(ServeModes.HostWithStorage, ChildEnvironment(services),
            $"--AzureFunctionsJobHost:extensions:http:maxRequestBodySize={size * 2}");
        await host.WaitForOkAsync("/admin/host/ping", StartTimeout, token);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };

        async Task<(double Seconds, long PeakAboveIdle)> Ours(long bytes)
        {
            await Task.Delay(IdleBeforeMeasuring, token);
            var watch = PeakResidentWatch.Start(host.Process.Memory);
            var started = Stopwatch.GetTimestamp();
            using var content = new StreamContent(new PatternStream(bytes));
            using var response = await client.PostAsync(UploadFunction.Path, content, token);
            var key = await response.Content.ReadAsStringAsync(token);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var peak = await watch.StopAsync();
            if (response.StatusCode != HttpStatusCode.Created || !key.StartsWith(UploadFunction.KeyPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"POST {UploadFunction.Path} answered {(int)response.StatusCode}: {key}{Environment.NewLine}{host.Process.RecentOutput}");
            }

            await services.RemoveObjectAsync(key, token);
            return (seconds, peak);
        }

        async Task<(double Seconds, long PeakAboveIdle)> Floor(long bytes)
        {
            await Task.Delay(IdleBeforeMeasuring, token);
            var key = UploadFunction.KeyPrefix + "floor-" + Guid.NewGuid().ToString("N");
            var watch = PeakResidentWatch.Start(ProcessMemory.Self);
            var started = Stopwatch.GetTimestamp();
            await using (var content = new PatternStream(bytes))
            {
                await services.Minio.PutObjectAsync(new PutObjectArgs()
                    .WithBucket(services.Bucket).WithObject(key).WithStreamData(content).WithObjectSize(bytes).WithContentType("application/octet-stream"), token);
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var peak = await watch.StopAsync();
            await services.RemoveObjectAsync(key, token);
            return (seconds, peak);
        }

        BenchContext.Log($"warming up with {WarmUpBytes / Megabyte:0} MB each side");
        await Ours(WarmUpBytes);
        await Floor(WarmUpBytes);
        var (ours, floor) = await context.AlternateAsync(
            async round => Logged("host", round, size, await Ours(size)),
            async round => Logged("raw S3 PUT", round, size, await Floor(size)));

        return
        [
            new Figure("large-document-throughput", size * ours.Count / Megabyte / ours.Sum(o => o.Seconds), size * floor.Count / Megabyte / floor.Sum(f => f.Seconds), "MB/s", new Target.RatioAtLeast(0.9)),
            new Figure("large-document-peak-rss", ours.Max(o => o.PeakAboveIdle) / Megabyte, floor.Max(f => f.PeakAboveIdle) / Megabyte, "MB", new Target.OursBelow(100)),
        ];
    }

    /// <summary>The S3 settings reach the child through its environment, with the benchmark bucket; the rest is inherited.</summary>
    private static Dictionary<string, string> ChildEnvironment(BenchServices services) => new() { ["S3__Bucket"] = services.Bucket };

    private static (double Seconds, long PeakAboveIdle) Logged(string side, int round, long size, (double Seconds, long PeakAboveIdle) result)
    {
        BenchContext.Log($"round {round + 1} {side}: {size / Megabyte:0} MB in {result.Seconds:0.00} s ({size / Megabyte / result.Seconds:0.0} MB/s), peak RSS +{result.PeakAboveIdle / Megabyte:0.0} MB");
        return result;
    }
}
