using Serverless.Benchmarks.Links;
using Serverless.Benchmarks.Servers;

namespace Serverless.Benchmarks;

/// <summary>
/// The command line. <c>run [--quick] [--only a,b]</c> runs the benchmarks (the default); the <c>serve-*</c> modes are
/// the servers the benchmarks start as child processes of their own, so that both sides of a comparison are launched,
/// built and measured the same way.
/// </summary>
internal static class BenchmarkCommand
{
    private const string Usage = """
        usage: Serverless.Benchmarks [run] [--quick] [--only NAME,...]
               (NAME: http, cold-start, ingestion, large-document, queue, parsing, links, link-memory)
        internal: serve-bare | serve-host | serve-host-storage | serve-links  --urls http://127.0.0.1:PORT
                  check-links --port=P --hosts=H --links=N --chunk=C --concurrency=M
        """;

    private const int UsageError = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (mode)
        {
            case ServeModes.Bare:
                await BareServer.RunAsync(rest);
                return 0;
            case ServeModes.Host:
                await HostServer.RunAsync(rest, withStorage: false);
                return 0;
            case ServeModes.HostWithStorage:
                await HostServer.RunAsync(rest, withStorage: true);
                return 0;
            case ServeModes.Links:
                await LinkWebServer.RunAsync(rest);
                return 0;
            case ServeModes.CheckLinks:
                return await LinkMemoryProbe.RunAsync(rest);
            case "run":
                return await RunBenchmarksAsync(rest);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return UsageError;
        }
    }

    private static async Task<int> RunBenchmarksAsync(string[] args)
    {
        var quick = false;
        IReadOnlySet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return UsageError;
            }
        }

        return await BenchmarkRunner.RunAsync(quick ? BenchSettings.Quick : BenchSettings.Full, only);
    }
}
