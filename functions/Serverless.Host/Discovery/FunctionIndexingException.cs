namespace Serverless.Host.Discovery;

/// <summary>The function app cannot start: one or more functions are declared wrongly. Each problem says how to fix it.</summary>
public sealed class FunctionIndexingException(IReadOnlyList<string> problems)
    : Exception("The function app has errors:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
