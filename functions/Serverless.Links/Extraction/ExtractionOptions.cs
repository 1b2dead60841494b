namespace Serverless.Links.Extraction;

/// <summary>How to read one document.</summary>
public sealed record ExtractionOptions
{
    /// <summary>The document's own URL: relative links resolve against it (after any HTML <c>&lt;base href&gt;</c>).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// Hosts counted as the site itself (links to them are <see cref="LinkKind.Internal"/>). When empty, the host of
    /// <see cref="BaseUrl"/>, or for WXR the export's <c>link</c>/<c>wp:base_blog_url</c> host (not <c>wp:base_site_url</c>,
    /// which on a multisite network such as WordPress.com names the whole network). A subdomain of a site host, and the
    /// same host with or without <c>www.</c>, count as the site.
    /// </summary>
    public IReadOnlyCollection<string> SiteHosts { get; init; } = [];
}
