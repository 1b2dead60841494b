using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using AngleSharp.Dom;

namespace Serverless.Links.Extraction;

/// <summary>
/// Streams a WordPress export (WXR 1.0 to 1.2) and yields one <see cref="ExtractedDocument"/> per <c>&lt;item&gt;</c>
/// (posts, pages, attachments, menu items, custom types; drafts too), each as soon as its item has been read, so
/// an export of any size is read in the memory of its largest item.
/// </summary>
/// <remarks>
/// <para>A post's links come from its HTML (<c>content:encoded</c>, then <c>excerpt:encoded</c>) read by
/// <see cref="HtmlLinkReader"/>, from URLs alone on a line of the content (WordPress turns those into embeds:
/// element <c>wp:embed</c>), from an attachment's file URL (<c>wp:attachment_url</c>) and from a custom menu
/// item's target (<c>wp:menu_item_url</c>). Relative links resolve against the item's permalink (<c>link</c>); an
/// HTML <c>&lt;base&gt;</c> inside a post is ignored, since the theme's page, not the post, owns the head.
/// Comments are not read: their links are the commenters', not the site's.</para>
/// <para>Line and column are in the post's content (or excerpt), not in the export file. DTDs are refused and
/// nothing outside the stream is resolved. The reader never recurses, so deep nesting costs no stack.</para>
/// </remarks>
internal sealed partial class WxrLinkReader(ExtractionOptions options)
{
    public const string EmbedElement = "wp:embed";
    public const string AttachmentElement = "wp:attachment_url";
    public const string MenuItemElement = "wp:menu_item_url";

    private static readonly XmlReaderSettings Settings = new()
    {
        // Prohibit, not Ignore: a DOCTYPE is reported, so XXE and entity expansion cannot happen, and with no
        // resolver nothing is ever fetched.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private readonly HtmlLinkReader _html = new();
    private readonly Url? _documentUrl = LinkResolver.FromUri(options.BaseUrl);

    public IEnumerable<ExtractedDocument> Read(Stream content)
    {
        using var reader = XmlReader.Create(content, Settings);
        Guard(() => CheckRoot(reader));
        var channel = new WxrChannel();
        while (Guard(() => NextItem(reader, channel)) is { } item)
        {
            yield return ToDocument(item, channel);
        }
    }

    private static void CheckRoot(XmlReader reader)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != WxrNames.Rss || reader.NamespaceURI.Length != 0)
        {
            throw new LinkExtractionException(WxrProblems.NotAnExport(reader.Name));
        }

        var declared = false;
        while (reader.MoveToNextAttribute())
        {
            var isNamespaceDeclaration = reader.Prefix == "xmlns" || (reader.Prefix.Length == 0 && reader.LocalName == "xmlns");
            declared |= isNamespaceDeclaration && WxrNames.IsExportNamespace(reader.Value);
        }

        reader.MoveToElement();
        if (!declared)
        {
            throw new LinkExtractionException(WxrProblems.RssWithoutExportNamespace);
        }
    }

    /// <summary>Reads on to the next item, noting the channel's addresses on the way; null at the end of the export.</summary>
    private static WxrItem? NextItem(XmlReader reader, WxrChannel channel)
    {
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.Depth)
            {
                case 0:
                case 1 when IsPlain(reader, WxrNames.Channel):
                    reader.Read();
                    break;
                case 2 when IsPlain(reader, WxrNames.Item):
                    return ReadItem(reader);
                case 2 when IsPlain(reader, WxrNames.Link):
                    channel.Link = reader.ReadElementContentAsString().Trim();
                    break;
                case 2 when IsWp(reader, WxrNames.BaseBlogUrl):
                    channel.BaseBlogUrl = reader.ReadElementContentAsString().Trim();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return null;
    }

    private static WxrItem ReadItem(XmlReader reader)
    {
        var item = new WxrItem();
        ReadChildren(reader, () =>
        {
            var ns = reader.NamespaceURI;
            switch (reader.LocalName)
            {
                case WxrNames.Title when ns.Length == 0:
                    item.Title = ContextText.Collapse(reader.ReadElementContentAsString());
                    break;
                case WxrNames.Link when ns.Length == 0:
                    item.Link = reader.ReadElementContentAsString().Trim();
                    break;
                case WxrNames.Encoded when ns == WxrNames.ContentNamespace:
                    item.Content = reader.ReadElementContentAsString();
                    break;
                case WxrNames.Encoded when WxrNames.IsExcerpt(ns):
                    item.Excerpt = reader.ReadElementContentAsString();
                    break;
                case WxrNames.PostId when WxrNames.IsWp(ns):
                    item.PostId = reader.ReadElementContentAsString().Trim();
                    break;
                case WxrNames.PostType when WxrNames.IsWp(ns):
                    item.PostType = reader.ReadElementContentAsString().Trim();
                    break;
                case WxrNames.Status when WxrNames.IsWp(ns):
                    item.Status = reader.ReadElementContentAsString().Trim();
                    break;
                case WxrNames.AttachmentUrl when WxrNames.IsWp(ns):
                    item.AttachmentUrl = reader.ReadElementContentAsString().Trim();
                    break;
                case WxrNames.PostMeta when WxrNames.IsWp(ns):
                    ReadPostMeta(reader, item);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
        return item;
    }

    private static void ReadPostMeta(XmlReader reader, WxrItem item)
    {
        string? key = null;
        string? value = null;
        ReadChildren(reader, () =>
        {
            if (IsWp(reader, WxrNames.MetaKey))
            {
                key = reader.ReadElementContentAsString().Trim();
            }
            else if (IsWp(reader, WxrNames.MetaValue))
            {
                value = reader.ReadElementContentAsString().Trim();
            }
            else
            {
                reader.Skip();
            }
        });

        if (key == WxrNames.MenuItemUrlKey && !string.IsNullOrEmpty(value))
        {
            item.MenuItemUrl = value;
        }
    }

    /// <summary>
    /// Calls <paramref name="readChild"/> on each child element of the current element (it must read or skip it),
    /// and leaves the reader after the element's end.
    /// </summary>
    private static void ReadChildren(XmlReader reader, Action readChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                readChild();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    private ExtractedDocument ToDocument(WxrItem item, WxrChannel channel)
    {
        var permalink = LinkResolver.ParseBase(item.Link);
        var documentBase = permalink is not null && LinkResolver.IsWebScheme(permalink.Scheme)
            ? permalink
            : _documentUrl ?? LinkResolver.ParseBase(channel.BaseBlogUrl) ?? LinkResolver.ParseBase(channel.Link);
        var site = options.SiteHosts.Count > 0
            ? SiteHosts.From(options.SiteHosts)
            : SiteHosts.From([options.BaseUrl?.OriginalString, channel.BaseBlogUrl, channel.Link]);

        var links = new DocumentLinks(documentBase, site);
        try
        {
            if (!string.IsNullOrEmpty(item.Content))
            {
                links.AddRange(ContentLinks(item.Content));
            }

            if (!string.IsNullOrEmpty(item.Excerpt))
            {
                links.AddRange(ContentLinks(item.Excerpt));
            }
        }
        catch (LinkExtractionException ex)
        {
            // Say which post: in an export of thousands, "the HTML" alone does not tell where to look.
            throw new LinkExtractionException($"Item {item.PostId ?? "without id"} ({item.Title ?? "untitled"}): {ex.Message}", ex);
        }

        if (!string.IsNullOrEmpty(item.AttachmentUrl))
        {
            links.Add(new RawLink(item.AttachmentUrl, AttachmentElement, 0, 0, item.Title));
        }

        if (!string.IsNullOrEmpty(item.MenuItemUrl))
        {
            links.Add(new RawLink(item.MenuItemUrl, MenuItemElement, 0, 0, item.Title));
        }

        var source = new LinkSource
        {
            PostId = NullIfEmpty(item.PostId),
            Title = NullIfEmpty(item.Title),
            Type = NullIfEmpty(item.PostType),
            Status = NullIfEmpty(item.Status),
            BaseUrl = documentBase?.Href,
        };
        return new ExtractedDocument(source, links.Links);
    }

    /// <summary>The HTML's links and the embed lines, in the order they are written.</summary>
    private IEnumerable<RawLink> ContentLinks(string html)
    {
        var found = _html.Read(html).Links.ToList();
        var lines = new LineIndex(html);
        var verbatim = VerbatimBlock().Matches(html);
        var block = 0;
        foreach (Match match in EmbedLine().Matches(html))
        {
            // Both lists are in text order: one pass skips the URLs inside code listings, which are examples, not embeds.
            var url = match.Groups["url"];
            while (block < verbatim.Count && verbatim[block].Index + verbatim[block].Length <= url.Index)
            {
                block++;
            }

            if (block < verbatim.Count && verbatim[block].Index <= url.Index)
            {
                continue;
            }

            var (line, column) = lines.PositionOf(url.Index);
            // The URL is HTML text: WordPress decodes its "&amp;" before embedding, as a browser would.
            found.Add(new RawLink(WebUtility.HtmlDecode(url.Value), EmbedElement, line, column, null));
        }

        return found.OrderBy(link => link.Line).ThenBy(link => link.Column);
    }

    private static bool IsPlain(XmlReader reader, string localName) => reader.NamespaceURI.Length == 0 && reader.LocalName == localName;

    private static bool IsWp(XmlReader reader, string localName) => reader.LocalName == localName && WxrNames.IsWp(reader.NamespaceURI);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void Guard(Action read) => Guard(() =>
    {
        read();
        return true;
    });

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException ex)
        {
            throw new LinkExtractionException(Describe(ex), ex);
        }
    }

    private static string Describe(XmlException ex)
    {
        // XmlException carries no error code: the runtime's "DTD is prohibited" message is the only signal.
        if (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return WxrProblems.DtdNotAllowed;
        }

        // Line 0: the reader stopped before the first character, so there was nothing to read.
        if (ex.LineNumber == 0)
        {
            return WxrProblems.Empty;
        }

        var suffix = $" Line {ex.LineNumber}, position {ex.LinePosition}.";
        var detail = ex.Message.EndsWith(suffix, StringComparison.Ordinal) ? ex.Message[..^suffix.Length] : ex.Message;
        return WxrProblems.Malformed(ex.LineNumber, ex.LinePosition, detail);
    }

    /// <summary>
    /// WordPress's auto-embed rule: a line holding nothing but an http(s) URL (the block editor writes embeds the same
    /// way, the URL alone on a line inside its figure).
    /// </summary>
    [GeneratedRegex(@"^[ \t]*(?<url>https?://[^\s<>""]+)[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmbedLine();

    /// <summary>Elements whose text WordPress shows as written (code listings), where a URL on its own line is not embedded.</summary>
    [GeneratedRegex(@"<(?<tag>pre|code|textarea|script|style)\b.*?</\k<tag>\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VerbatimBlock();
}
