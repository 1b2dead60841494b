namespace Serverless.Links.Checking;

/// <summary>One request target of a run and the input strings that name it.</summary>
/// <param name="Url">The URL to check; null when the check is skipped.</param>
/// <param name="SkipReason">Why it is not checked; null when <paramref name="Url"/> is set.</param>
/// <param name="Inputs">The distinct input strings that stand for it (they differ only in their fragment).</param>
internal sealed record PlannedCheck(Uri? Url, string? SkipReason, IReadOnlyList<string> Inputs);
