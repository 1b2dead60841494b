namespace Serverless.Cli;

/// <summary>
/// The process exit codes, one meaning each, so scripts can tell "fix the files" from "fix the
/// host" from "fix the command". Documented in <see cref="HelpTexts"/>.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something could not be done: a file failed to parse, the host was unreachable or answered 5xx.</summary>
    public const int Failed = 1;

    /// <summary>Ingest only: the host turned away at least one file as invalid (4xx), and nothing failed.</summary>
    public const int Rejected = 2;

    /// <summary>The command line itself is wrong (BSD sysexits EX_USAGE); nothing was done.</summary>
    public const int Usage = 64;

    /// <summary>Ctrl+C, by the shell convention 128 + SIGINT.</summary>
    public const int Cancelled = 130;
}
