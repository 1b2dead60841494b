namespace Serverless.Cli;

/// <summary>The counts an ingest run ends with, and the exit code they mean.</summary>
internal sealed record IngestSummary(int Ingested, int Duplicates, int Rejected, int Failed)
{
    public int Total => Ingested + Duplicates + Rejected + Failed;

    /// <summary>
    /// A failure outranks a rejection: a failed file's fate is unknown and it must be sent again,
    /// while a rejected file has a known answer.
    /// </summary>
    public int ExitCode => Failed > 0 ? ExitCodes.Failed : Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Success;

    public static IngestSummary Of(IReadOnlyCollection<IngestOutcome> outcomes) => new(
        Count(outcomes, IngestOutcomeKind.Ingested),
        Count(outcomes, IngestOutcomeKind.Duplicate),
        Count(outcomes, IngestOutcomeKind.Rejected),
        Count(outcomes, IngestOutcomeKind.Failed));

    private static int Count(IEnumerable<IngestOutcome> outcomes, IngestOutcomeKind kind) =>
        outcomes.Count(outcome => outcome.Kind == kind);
}
