namespace Serverless.Links.Extraction;

/// <summary>The parts of one WXR <c>&lt;item&gt;</c> that links come from or that name it. Filled as the item is read.</summary>
internal sealed class WxrItem
{
    public string? Title { get; set; }

    /// <summary>The permalink: what a browser resolves the post's relative links against.</summary>
    public string? Link { get; set; }

    public string? PostId { get; set; }

    public string? PostType { get; set; }

    public string? Status { get; set; }

    /// <summary>The post's HTML (<c>content:encoded</c>).</summary>
    public string? Content { get; set; }

    public string? Excerpt { get; set; }

    /// <summary>An attachment's file URL (<c>wp:attachment_url</c>).</summary>
    public string? AttachmentUrl { get; set; }

    /// <summary>A custom menu item's target (post meta <c>_menu_item_url</c>).</summary>
    public string? MenuItemUrl { get; set; }
}
