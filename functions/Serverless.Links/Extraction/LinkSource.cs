namespace Serverless.Links.Extraction;

/// <summary>Which part of a document links came from: a WordPress post or page, or the whole document.</summary>
public sealed record LinkSource
{
    /// <summary>WXR <c>wp:post_id</c>; null for non-WXR documents.</summary>
    public string? PostId { get; init; }
    public string? Title { get; init; }
    /// <summary>WXR <c>wp:post_type</c> (post, page, attachment, nav_menu_item, custom types).</summary>
    public string? Type { get; init; }
    /// <summary>WXR <c>wp:status</c> (publish, draft, private...).</summary>
    public string? Status { get; init; }
    /// <summary>The URL relative links resolve against: WXR <c>link</c> (permalink), else the document URL.</summary>
    public string? BaseUrl { get; init; }
}
