namespace Serverless.Benchmarks.Links;

/// <summary>One check of an index page by linkinator: the links it reported (the page itself left out) and the time
/// from the page's own result to the last link's.</summary>
internal sealed record LinkinatorRun(double Seconds, IReadOnlyList<LinkinatorLink> Links);
