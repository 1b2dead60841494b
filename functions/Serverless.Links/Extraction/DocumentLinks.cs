using AngleSharp.Dom;

namespace Serverless.Links.Extraction;

/// <summary>
/// The request-factory stage for one document: each <see cref="RawLink"/> is resolved against the base,
/// classified and deduplicated, in document order.
/// </summary>
/// <remarks>
/// Deduplication is by resolved URL (or, for links that have none, the link as written) and element: the same
/// URL as an <c>a</c> and as an <c>img</c> is listed twice, since a report says where each one is used; a repeat
/// of both is dropped and the first position kept. The fragment is not part of the key (it is not requested).
/// </remarks>
internal sealed class DocumentLinks(Url? baseUrl, SiteHosts site)
{
    private readonly List<ExtractedLink> _links = [];
    private readonly HashSet<(string Target, string Element)> _seen = [];

    public IReadOnlyList<ExtractedLink> Links => _links;

    public void AddRange(IEnumerable<RawLink> links)
    {
        foreach (var link in links)
        {
            Add(link);
        }
    }

    public void Add(RawLink link)
    {
        var resolved = LinkResolver.Resolve(link.Href, baseUrl);
        if (resolved.IsSameDocument)
        {
            return;
        }

        var target = resolved.Url ?? link.Href.Trim();
        if (!_seen.Add((target, link.Element)))
        {
            return;
        }

        _links.Add(new ExtractedLink
        {
            Raw = link.Raw,
            Url = resolved.Url,
            Fragment = resolved.Fragment,
            Kind = Classify(resolved),
            Element = link.Element,
            NotCheckedReason = resolved.NotCheckedReason,
            Line = link.Line,
            Column = link.Column,
            Context = ContextText.From(link.Context),
        });
    }

    private LinkKind Classify(ResolvedLink resolved) =>
        resolved.Url is null ? LinkKind.NotChecked
        : site.Contains(resolved.Host!) ? LinkKind.Internal
        : LinkKind.Outbound;
}
