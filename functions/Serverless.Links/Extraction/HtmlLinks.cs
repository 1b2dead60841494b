namespace Serverless.Links.Extraction;

/// <summary>What an HTML document says about its links: the first <c>&lt;base href&gt;</c>, as written, and the links in document order.</summary>
internal sealed record HtmlLinks(string? BaseHref, IReadOnlyList<RawLink> Links);
