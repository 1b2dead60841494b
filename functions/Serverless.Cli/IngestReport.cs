using Spectre.Console;

namespace Serverless.Cli;

/// <summary>
/// How an ingest run is shown: one line per file as it finishes (when there is no progress bar),
/// then the counts and the files that need attention, with the host's reason.
/// </summary>
internal static class IngestReport
{
    /// <summary>
    /// <c>OUTCOME  FILE  DETAIL</c>, tab-free and one line, so CI logs can be grepped by outcome
    /// and a file's id or reason is on the same line as its name.
    /// </summary>
    public static string Line(IngestOutcome outcome) =>
        $"{Label(outcome.Kind),-9}  {outcome.Path}  {OneLine(outcome.Detail)}";

    public static void WriteSummary(IAnsiConsole console, IReadOnlyList<IngestOutcome> outcomes)
    {
        var summary = IngestSummary.Of(outcomes);
        var counts = new Table().Title("Summary").AddColumn("Outcome").AddColumn(new TableColumn("Files").RightAligned());
        counts.AddRow("Ingested", Count(summary.Ingested));
        counts.AddRow("Duplicates", Count(summary.Duplicates));
        counts.AddRow(summary.Rejected > 0 ? "[yellow]Rejected[/]" : "Rejected", Count(summary.Rejected));
        counts.AddRow(summary.Failed > 0 ? "[red]Failed[/]" : "Failed", Count(summary.Failed));
        counts.AddRow("Total", Count(summary.Total));
        console.Write(counts);

        var attention = outcomes.Where(o => o.Kind is IngestOutcomeKind.Rejected or IngestOutcomeKind.Failed).ToArray();
        if (attention.Length == 0)
        {
            return;
        }

        var problems = new Table().Title("Rejected and failed files").AddColumn("File").AddColumn("Outcome").AddColumn("Reason");
        foreach (var outcome in attention)
        {
            // Text, not markup: file names and host messages may contain [brackets].
            problems.AddRow(new Text(outcome.Path), new Text(Label(outcome.Kind)), new Text(OneLine(outcome.Detail)));
        }

        console.Write(problems);
    }

    public static string Label(IngestOutcomeKind kind) => kind switch
    {
        IngestOutcomeKind.Ingested => "ingested",
        IngestOutcomeKind.Duplicate => "duplicate",
        IngestOutcomeKind.Rejected => "rejected",
        _ => "failed",
    };

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
