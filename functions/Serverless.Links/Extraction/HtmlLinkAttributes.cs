using System.Collections.Frozen;

namespace Serverless.Links.Extraction;

/// <summary>
/// Which elements and attributes carry links a reader follows or a page loads. Navigation (<c>a</c>, <c>area</c>),
/// resources (<c>img</c>, <c>iframe</c>, media, <c>script</c>, <c>link</c>) and quotation sources (<c>cite</c>).
/// </summary>
/// <remarks>
/// Left out on purpose: <c>form action</c> (a form is submitted, not followed; a GET would say nothing about it),
/// <c>meta</c> and lazy-loading <c>data-*</c> attributes (conventions, not HTML), and <c>link</c> hints that name a
/// host or an API endpoint rather than a document (<see cref="IgnoredLinkRelations"/>).
/// </remarks>
internal static class HtmlLinkAttributes
{
    public static FrozenDictionary<string, HtmlLinkAttribute[]> ByElement { get; } = new Dictionary<string, HtmlLinkAttribute[]>
    {
        ["a"] = [new("href", "a")],
        ["area"] = [new("href", "area")],
        ["link"] = [new("href", "link")],
        ["img"] = [new("src", "img"), new("srcset", "img[srcset]", IsSrcset: true)],
        ["iframe"] = [new("src", "iframe")],
        ["source"] = [new("src", "source"), new("srcset", "source[srcset]", IsSrcset: true)],
        ["video"] = [new("src", "video"), new("poster", "video[poster]")],
        ["audio"] = [new("src", "audio")],
        ["track"] = [new("src", "track")],
        ["embed"] = [new("src", "embed")],
        ["object"] = [new("data", "object")],
        ["script"] = [new("src", "script")],
        ["blockquote"] = [new("cite", "blockquote[cite]")],
        ["q"] = [new("cite", "q[cite]")],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// <c>link rel</c> values whose <c>href</c> is not a page: <c>dns-prefetch</c> and <c>preconnect</c> name a host
    /// (a request to its root says nothing), <c>pingback</c> is an XML-RPC endpoint that answers GET with an error.
    /// </summary>
    public static FrozenSet<string> IgnoredLinkRelations { get; } =
        new[] { "dns-prefetch", "preconnect", "pingback" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
