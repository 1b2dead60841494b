using Serverless.Links.Extraction;

namespace Serverless.Links.Reports;

/// <summary>One link of a report: as extracted, with its verdict when it was checked (null for internal and not-checked links).</summary>
public sealed record ReportLink(ExtractedLink Link, LinkVerdict? Verdict);
