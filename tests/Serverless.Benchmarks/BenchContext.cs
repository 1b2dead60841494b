using Serverless.Benchmarks.Support;

namespace Serverless.Benchmarks;

/// <summary>What every benchmark gets: the settings, the services (when it needs them) and a progress log on stderr.</summary>
internal sealed class BenchContext(BenchSettings settings, BenchServices? services, CancellationToken cancellationToken)
{
    public BenchSettings Settings { get; } = settings;

    public BenchServices Services => services ?? throw new InvalidOperationException("This benchmark was not declared as needing the services.");

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Progress goes to stderr so that stdout carries the figures only.</summary>
    public static void Log(string message) => Console.Error.WriteLine($"  {DateTime.Now:HH:mm:ss} {message}");

    /// <summary>
    /// Runs the two sides alternately, A/B/A/B (B first in odd rounds, so that neither always runs on a warmer machine),
    /// <see cref="BenchSettings.Rounds"/> rounds each.
    /// </summary>
    public async Task<(List<TOurs> Ours, List<TFloor> Floor)> AlternateAsync<TOurs, TFloor>(Func<int, Task<TOurs>> ours, Func<int, Task<TFloor>> floor)
    {
        var a = new List<TOurs>();
        var b = new List<TFloor>();
        for (var round = 0; round < Settings.Rounds; round++)
        {
            if (round % 2 == 0)
            {
                a.Add(await ours(round));
                b.Add(await floor(round));
            }
            else
            {
                b.Add(await floor(round));
                a.Add(await ours(round));
            }
        }

        return (a, b);
    }
}
