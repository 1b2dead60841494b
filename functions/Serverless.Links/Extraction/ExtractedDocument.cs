namespace Serverless.Links.Extraction;

/// <summary>The links of one document, or of one post/page of a WordPress export, deduplicated per document.</summary>
/// <param name="Source">Which post or page; for non-WXR documents only <see cref="LinkSource.BaseUrl"/> may be set.</param>
/// <param name="Links">In document order; a link repeated in the same document with the same URL and element appears once.</param>
public sealed record ExtractedDocument(LinkSource Source, IReadOnlyList<ExtractedLink> Links);
