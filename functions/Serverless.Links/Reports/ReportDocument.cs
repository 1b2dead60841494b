using Serverless.Links.Extraction;

namespace Serverless.Links.Reports;

/// <summary>One document of a report (a WordPress post or page, or the whole document) with its links in document order.</summary>
/// <param name="Seq">0-based position of the document in the source.</param>
/// <param name="Source">Which post or page.</param>
/// <param name="Links">Its links in document order.</param>
public sealed record ReportDocument(int Seq, LinkSource Source, IReadOnlyList<ReportLink> Links);
