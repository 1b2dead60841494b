namespace Serverless.Links.Extraction;

/// <summary>How to read one document.</summary>
public sealed record ExtractionOptions
{
    /// <summary>The document's own URL: relative links resolve against it (after any HTML <c>&lt;base href&gt;</c>).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// Hosts counted as the site itself (links to them are <see cref="LinkKind.Internal"/>). When empty, the host of
    /// <see cref="BaseUrl"/>, or for WXR the export's <c>wp:base_site_url</c>/<c>link</c> host.
    /// </summary>
    public IReadOnlyCollection<string> SiteHosts { get; init; } = [];
}
