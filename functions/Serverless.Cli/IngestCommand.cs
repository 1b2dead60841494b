using System.Globalization;
using Spectre.Console;

namespace Serverless.Cli;

/// <summary>
/// <c>ingest PATH...</c>: sends notice files to a running host's ingestion function, a few at a
/// time, and reports what became of each. The host parses, deduplicates and stores; this only sends
/// and counts.
/// </summary>
internal sealed class IngestCommand(CliConsole console)
{
    public const string Name = "ingest";
    public const string ParallelOption = "--parallel";

    /// <summary>Enough to hide network latency; more would only queue behind the host's own throttle.</summary>
    public const int DefaultParallel = 4;

    public const int MaxParallel = 64;

    public async Task<int> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, HostConnection.UrlOption, HostConnection.KeyOption, ParallelOption);
        if (line.Help)
        {
            console.Out.Write(HelpTexts.Ingest);
            return ExitCodes.Success;
        }

        if (line.Arguments.Count == 0)
        {
            throw new UsageException("ingest needs at least one PATH");
        }

        var parallel = Parallelism(line.Option(ParallelOption));
        var connection = HostConnection.From(line, console.GetEnvironment);
        var files = NoticeFiles.Expand(line.Arguments);

        using var client = new HostClient(connection);
        var ansi = console.CreateAnsiConsole();
        IReadOnlyList<IngestOutcome> outcomes;
        if (console.Interactive)
        {
            outcomes = await ansi.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Ingesting {files.Count} files", maxValue: files.Count);
                    return await SendAllAsync(client, files, parallel, _ => task.Increment(1), cancellationToken);
                });
        }
        else
        {
            var gate = new Lock();
            outcomes = await SendAllAsync(client, files, parallel, outcome =>
            {
                // Lines are written as files finish, so a long CI run shows life; the lock keeps them whole.
                lock (gate)
                {
                    console.Out.WriteLine(IngestReport.Line(outcome));
                }
            }, cancellationToken);
        }

        IngestReport.WriteSummary(ansi, outcomes);
        return IngestSummary.Of(outcomes).ExitCode;
    }

    /// <summary>Sends every file, <paramref name="parallel"/> at a time; outcomes come back in file order.</summary>
    private static async Task<IReadOnlyList<IngestOutcome>> SendAllAsync(
        HostClient client, IReadOnlyList<string> files, int parallel, Action<IngestOutcome> finished, CancellationToken cancellationToken)
    {
        var outcomes = new IngestOutcome[files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (index, token) =>
        {
            var outcome = await SendOneAsync(client, files[index], token);
            outcomes[index] = outcome;
            finished(outcome);
        });
        return outcomes;
    }

    private static async Task<IngestOutcome> SendOneAsync(HostClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return IngestOutcome.From(path, await client.SendNoticeAsync(path, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Not our token: HttpClient's timeout.
            return IngestOutcome.Failed(path, $"no answer within {HostClient.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return IngestOutcome.Failed(path, HostClient.Describe(ex));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return IngestOutcome.Failed(path, FileProblems.Describe(path, ex));
        }
    }

    private static int Parallelism(string? value)
    {
        if (value is null)
        {
            return DefaultParallel;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parallel) && parallel is >= 1 and <= MaxParallel
            ? parallel
            : throw new UsageException($"{ParallelOption} must be a whole number from 1 to {MaxParallel}, not '{value}'");
    }
}
