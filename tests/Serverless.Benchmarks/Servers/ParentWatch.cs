using Microsoft.Extensions.Hosting;

namespace Serverless.Benchmarks.Servers;

/// <summary>
/// A server started by the benchmark stops when its standard input closes: the parent holds the other end, so a
/// parent killed outright (no chance to kill its children) still takes its servers with it.
/// </summary>
internal static class ParentWatch
{
    public static void StopWhenInputCloses(IHostApplicationLifetime lifetime)
    {
        if (!Console.IsInputRedirected)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await using var input = Console.OpenStandardInput();
            await input.CopyToAsync(Stream.Null).ConfigureAwait(false);
            lifetime.StopApplication();
        });
    }
}
