using Spectre.Console;

namespace Serverless.Cli;

/// <summary>
/// Where a command writes and what it may assume about it. Passed in rather than read from
/// <see cref="Console"/> so tests run commands in-process against string writers.
/// </summary>
/// <param name="Out">Results: JSON, ids, summaries. Scripts read this.</param>
/// <param name="Error">Errors and diagnostics, so they never mix into results.</param>
/// <param name="Interactive">Out is a terminal: live progress and colour are worth drawing.</param>
/// <param name="GetEnvironment">Environment lookup for option defaults.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive, Func<string, string?> GetEnvironment)
{
    /// <summary>A Spectre console over <see cref="Out"/>: colours and live rendering only on a terminal.</summary>
    public IAnsiConsole CreateAnsiConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive)
        {
            // A log or file has no width; Spectre would assume 80 and break file paths mid-name.
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    private const int RedirectedWidth = 200;
}
