using Serverless.Cli;

namespace Serverless.Functions.Tests.Cli;

/// <summary>One in-process run of the CLI: what it wrote and how it exited.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs with no environment variables, so a SERVERLESS_KEY on the test machine changes nothing.</summary>
    public static Task<CliRun> RunAsync(params string[] args) => RunWithEnvironmentAsync(new Dictionary<string, string>(), args);

    public static async Task<CliRun> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, Interactive: false, name => environment.GetValueOrDefault(name));
        var exitCode = await CliApp.RunAsync(args, console, CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
