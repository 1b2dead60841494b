namespace Serverless.Links.Reports;

/// <summary>One page of a report's links, each with the post or page it is in.</summary>
public sealed record LinkPage(IReadOnlyList<LinkPageItem> Items, int Page, int PageSize, long Total);

/// <summary>A link of <see cref="LinkPage"/> with its document.</summary>
public sealed record LinkPageItem(int DocumentSeq, Extraction.LinkSource Source, ReportLink Link);
