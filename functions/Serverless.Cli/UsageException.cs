namespace Serverless.Cli;

/// <summary>
/// A command line that cannot run (unknown option, missing argument). Thrown while reading
/// arguments, before anything is done, and turned into a message and <see cref="ExitCodes.Usage"/>
/// by <see cref="CliApp"/>.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
