namespace Serverless.Links.Extraction;

/// <summary>
/// The export's own addresses: the blog (<c>channel/link</c>, <c>wp:base_blog_url</c>) is the site whose links are
/// internal and the fallback base. <c>wp:base_site_url</c> is not used for that: on WordPress.com and other
/// multisite networks it is the network (<c>https://wordpress.com/</c>), and every blog on it is not this site.
/// </summary>
internal sealed class WxrChannel
{
    public string? Link { get; set; }

    public string? BaseBlogUrl { get; set; }
}
