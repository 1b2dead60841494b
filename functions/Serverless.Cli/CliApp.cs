namespace Serverless.Cli;

/// <summary>
/// The CLI's entry: picks the command from the first argument and turns the ways a run can end
/// (usage error, cancellation) into an exit code. Tests call it in-process.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs the command <paramref name="args"/> name and returns the process exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args is [] or ["--help" or "-h" or "-?" or "help"])
        {
            console.Out.Write(HelpTexts.Main);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        var command = args[0];
        var rest = args.Skip(1);
        try
        {
            return command switch
            {
                ParseCommand.Name => await new ParseCommand(console).RunAsync(rest, cancellationToken),
                IngestCommand.Name => await new IngestCommand(console).RunAsync(rest, cancellationToken),
                EnqueueCommand.Name => await new EnqueueCommand(console).RunAsync(rest, cancellationToken),
                LinksCommand.Name => await new LinksCommand(console).RunAsync(rest, cancellationToken),
                ReportCommand.Name => await new ReportCommand(console).RunAsync(rest, cancellationToken),
                _ => throw new UsageException($"unknown command '{command}'"),
            };
        }
        catch (UsageException ex)
        {
            var help = command is ParseCommand.Name or IngestCommand.Name or EnqueueCommand.Name or LinksCommand.Name or ReportCommand.Name ? $"{command} --help" : "--help";
            console.Error.WriteLine($"error: {ex.Message}");
            console.Error.WriteLine($"Run 'serverless {help}' for usage.");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
