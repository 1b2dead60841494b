using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Serverless.Links.Extraction;

/// <summary>
/// Finds the links of an HTML document or fragment (a WordPress post's content, HTML inside Markdown) with
/// AngleSharp, the HTML standard's parser: what a browser would see, not what a regular expression would guess.
/// Attribute values come out with character references decoded once (<c>&amp;amp;</c> is <c>&amp;</c>), and
/// text inside <c>script</c>, <c>style</c> and comments is never mistaken for markup.
/// </summary>
/// <remarks>
/// Deeply nested markup is refused before it costs much (see <see cref="NestingGuard"/>); AngleSharp's own limit of 512
/// levels keeps the tree walkable. Not thread-safe: one reader per extraction.
/// </remarks>
internal sealed class HtmlLinkReader
{
    private readonly NestingGuard _nesting = new();
    private readonly HtmlParser _parser;

    public HtmlLinkReader()
    {
        _parser = new HtmlParser(new HtmlParserOptions
        {
            IsKeepingSourceReferences = true,
            SkipComments = true,
            SkipScriptText = true,
            SkipRawText = true,
            OnToken = (token, _) => _nesting.Observe(token),
        });
    }

    /// <exception cref="LinkExtractionException">Elements nest deeper than <see cref="NestingGuard.MaxDepth"/>.</exception>
    public HtmlLinks Read(string html)
    {
        _nesting.Reset();
        using var document = _parser.ParseDocument(html);
        return Read(document);
    }

    /// <summary>Reads a whole document; its encoding is found as a browser finds it (byte order mark, then <c>meta charset</c>, else UTF-8).</summary>
    /// <exception cref="LinkExtractionException">Elements nest deeper than <see cref="NestingGuard.MaxDepth"/>.</exception>
    public HtmlLinks Read(Stream html)
    {
        _nesting.Reset();
        using var document = _parser.ParseDocument(html);
        return Read(document);
    }

    private static HtmlLinks Read(IHtmlDocument document)
    {
        // The document's base URL is the first <base href>, and it applies to links before it too.
        var baseHref = document.QuerySelector("base[href]")?.GetAttribute("href");
        var links = new List<RawLink>();
        foreach (var element in document.All)
        {
            if (!HtmlLinkAttributes.ByElement.TryGetValue(element.LocalName, out var attributes) || IsIgnoredLink(element))
            {
                continue;
            }

            var position = element.SourceReference?.Position;
            var line = position?.Line ?? 0;
            var column = position?.Column ?? 0;
            string? context = null;
            foreach (var attribute in attributes)
            {
                var value = element.GetAttribute(attribute.Name);
                if (value is null)
                {
                    continue;
                }

                context ??= ContextOf(element);
                if (attribute.IsSrcset)
                {
                    links.AddRange(SrcsetParser.Urls(value).Select(url => new RawLink(url, attribute.Element, line, column, context)));
                }
                else
                {
                    links.Add(new RawLink(value, attribute.Element, line, column, context));
                }
            }
        }

        return new HtmlLinks(baseHref, links);
    }

    private static bool IsIgnoredLink(IElement element)
    {
        if (element.LocalName != "link")
        {
            return false;
        }

        var relations = element.GetAttribute("rel")?.Split(' ', '\t', '\n', '\r', '\f');
        var named = relations?.Where(relation => relation.Length > 0).ToArray() ?? [];
        return named.Length > 0 && named.All(HtmlLinkAttributes.IgnoredLinkRelations.Contains);
    }

    /// <summary>What a reader sees for the link: anchor text (or its image's alt), alt text, a title, the relation.</summary>
    private static string? ContextOf(IElement element) => element.LocalName switch
    {
        "a" => NonBlank(element.TextContent)
            ?? element.GetAttribute("title")
            ?? element.GetAttribute("aria-label")
            ?? element.QuerySelector("img[alt]")?.GetAttribute("alt"),
        "area" or "img" => element.GetAttribute("alt") ?? element.GetAttribute("title"),
        "link" => element.GetAttribute("rel"),
        _ => element.GetAttribute("title"),
    };

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
