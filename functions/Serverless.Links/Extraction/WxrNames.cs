namespace Serverless.Links.Extraction;

/// <summary>
/// Names in a WordPress export. The <c>wp</c> namespace carries the WXR version
/// (<c>http://wordpress.org/export/1.0/</c> to <c>…/1.2/</c>), so it is matched by its start, and the excerpt
/// namespace (<c>…/1.2/excerpt/</c>) is told apart by its end. WordPress.com writes the same namespaces with
/// <c>https://</c> (the Theme Unit Test data does); WordPress's importer takes both, and so do we.
/// </summary>
internal static class WxrNames
{
    public const string ExportNamespacePrefix = "http://wordpress.org/export/";
    public const string SecureExportNamespacePrefix = "https://wordpress.org/export/";
    public const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string ExcerptSuffix = "/excerpt/";

    public const string Rss = "rss";
    public const string Channel = "channel";
    public const string Item = "item";
    public const string Title = "title";
    public const string Link = "link";
    public const string Encoded = "encoded";
    public const string BaseBlogUrl = "base_blog_url";
    public const string PostId = "post_id";
    public const string PostType = "post_type";
    public const string Status = "status";
    public const string AttachmentUrl = "attachment_url";
    public const string PostMeta = "postmeta";
    public const string MetaKey = "meta_key";
    public const string MetaValue = "meta_value";

    /// <summary>The post meta key under which a custom menu item keeps its URL.</summary>
    public const string MenuItemUrlKey = "_menu_item_url";

    /// <summary>The <c>wp</c> or <c>excerpt</c> namespace of any WXR version.</summary>
    public static bool IsExportNamespace(string ns) =>
        ns.StartsWith(ExportNamespacePrefix, StringComparison.Ordinal) || ns.StartsWith(SecureExportNamespacePrefix, StringComparison.Ordinal);

    public static bool IsWp(string ns) => IsExportNamespace(ns) && !ns.EndsWith(ExcerptSuffix, StringComparison.Ordinal);

    public static bool IsExcerpt(string ns) => IsExportNamespace(ns) && ns.EndsWith(ExcerptSuffix, StringComparison.Ordinal);
}
