namespace Serverless.Benchmarks.Links;

/// <summary>One line of <c>linkinator-driver.mjs</c>: ready (with the versions), a run's results, or an error.</summary>
internal sealed record LinkinatorMessage(string? Error, bool? Ready, string? Version, string? Node, double? Seconds, List<LinkinatorLink>? Links);
