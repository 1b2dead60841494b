using System.Text;

namespace Serverless.Cli;

/// <summary>Process entry: wires the real console and Ctrl+C to <see cref="CliApp"/>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // JSON output keeps accented titles readable; without this a Windows console would show '?'.
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        // Ctrl+C cancels the command instead of killing the process, so uploads in flight end
        // cleanly and the user is told what was done.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var console = new CliConsole(
            Console.Out,
            Console.Error,
            // CI has no terminal: a progress bar there would only fill the log with redraws.
            Interactive: !Console.IsOutputRedirected,
            Environment.GetEnvironmentVariable);
        return await CliApp.RunAsync(args, console, cancellation.Token);
    }
}
