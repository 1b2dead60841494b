using System.Text.RegularExpressions;

namespace Serverless.Host.Queues;

/// <summary>
/// Azure Storage queue naming rules (3-63 lower-case letters, digits and single hyphens, starting and ending with
/// a letter or digit), kept so a function app moves back and forth unchanged.
/// </summary>
internal static partial class QueueNames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex Pattern();
}
