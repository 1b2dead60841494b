namespace Serverless.Cli;

/// <summary>What became of one file sent to the host.</summary>
internal enum IngestOutcomeKind
{
    /// <summary>201: stored; the detail is the new record's id.</summary>
    Ingested,

    /// <summary>200: the host already had these bytes; the detail is the existing record's id.</summary>
    Duplicate,

    /// <summary>4xx about the file itself (not a notice, malformed, too large): fix the file.</summary>
    Rejected,

    /// <summary>Not sent or not answered: network, timeout, 5xx, a refused key. Fix the host or the command and re-run.</summary>
    Failed,
}
