using Serverless.Tenders.Parsing;

namespace Serverless.Cli;

/// <summary>
/// <c>parse FILE...</c>: runs the same parser the host runs, locally, so a notice can be checked
/// before it is sent. Nothing leaves the machine and nothing is stored.
/// </summary>
internal sealed class ParseCommand(CliConsole console)
{
    public const string Name = "parse";

    private const int FileBufferSize = 64 * 1024;

    public Task<int> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args);
        if (line.Help)
        {
            console.Out.Write(HelpTexts.Parse);
            return Task.FromResult(ExitCodes.Success);
        }

        if (line.Arguments.Count == 0)
        {
            throw new UsageException("parse needs at least one FILE");
        }

        var parser = new NoticeParser();
        var failed = 0;
        foreach (var path in line.Arguments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var problems = ParseOne(parser, path);
            if (problems.Count == 0)
            {
                continue;
            }

            failed++;
            foreach (var problem in problems)
            {
                console.Error.WriteLine($"error: {path}: {problem}");
            }
        }

        // Keep going after a bad file: one run reports every file's problems, not just the first.
        return Task.FromResult(failed == 0 ? ExitCodes.Success : ExitCodes.Failed);
    }

    /// <summary>Prints the file's record, or returns the problems that stopped it.</summary>
    private IReadOnlyList<string> ParseOne(NoticeParser parser, string path)
    {
        ParseResult result;
        try
        {
            // Streamed from disk: the parser reads forward once and needs no string of the file.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
            result = parser.Parse(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [FileProblems.Describe(path, ex)];
        }

        if (result.Record is null)
        {
            return result.Problems.Count > 0 ? result.Problems : ["not a readable notice"];
        }

        console.Out.WriteLine(ParsedRecordJson.Serialize(result.Record));
        return [];
    }
}
