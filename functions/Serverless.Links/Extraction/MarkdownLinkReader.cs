using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Serverless.Links.Extraction;

/// <summary>
/// The links of a Markdown document, read with Markdig as GitHub renders it: inline links and images, reference
/// links (<c>[text][label]</c> with <c>[label]: url</c>), autolinks (<c>&lt;https://…&gt;</c>), bare URLs (GitHub's
/// extended autolinks: trailing punctuation left out, balanced parentheses kept), and links in raw HTML blocks
/// and tags, read by <see cref="HtmlLinkReader"/>. Nothing inside code spans or code blocks is a link.
/// </summary>
/// <remarks>
/// A reference definition that no link uses is not listed: it is not rendered, so no reader can follow it. A
/// reference link is placed where it is used, with the definition's URL.
/// </remarks>
internal sealed class MarkdownLinkReader(HtmlLinkReader html)
{
    public const string InlineElement = "markdown-inline";
    public const string ReferenceElement = "markdown-reference";
    public const string ImageElement = "markdown-image";
    public const string AutolinkElement = "autolink";
    public const string BareElement = "bare";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        // Front matter is metadata (a permalink: is not a link in the page); without this it would be read as text.
        .UseYamlFrontMatter()
        .UseAutoLinks()
        .UsePipeTables()
        .UseCustomContainers()
        .UseFootnotes()
        .UseEmphasisExtras()
        .Build();

    /// <exception cref="LinkExtractionException">The Markdown, or HTML inside it, nests too deeply to be read.</exception>
    public IReadOnlyList<RawLink> Read(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig's only input error: nesting past its depth limit (thousands of '>' or list markers).
            throw new LinkExtractionException("The Markdown nests quotes, lists or brackets too deeply to be read; no real page does.", ex);
        }

        var lines = new LineIndex(markdown);
        var links = new List<RawLink>();
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LinkInline link when !string.IsNullOrEmpty(link.Url):
                    links.Add(FromLink(link, markdown, lines));
                    break;
                case AutolinkInline autolink:
                    links.Add(new RawLink(
                        autolink.Url,
                        autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url,
                        AutolinkElement,
                        autolink.Line + 1,
                        autolink.Column + 1,
                        lines.LineText(autolink.Line + 1)));
                    break;
                case HtmlBlock block:
                    links.AddRange(html.Read(block.Lines.ToString()).Links.Select(found => found.Offset(block.Line, block.Column)));
                    break;
                case HtmlInline tag:
                    // One tag at a time (<a href="…">, <img src="…">); its own position is the link's.
                    links.AddRange(html.Read(tag.Tag).Links.Select(found => found with { Line = tag.Line + 1, Column = tag.Column + 1 }));
                    break;
            }
        }

        return links;
    }

    private static RawLink FromLink(LinkInline link, string markdown, LineIndex lines)
    {
        var line = link.Line + 1;
        var column = link.Column + 1;
        if (link.IsAutoLink)
        {
            // A bare URL: Markdig gives "http://www.example.org" for "www.example.org"; keep what was written as raw.
            var written = link.Span.IsEmpty ? link.Url! : markdown.Substring(link.Span.Start, link.Span.Length);
            return new RawLink(written, link.Url!, BareElement, line, column, lines.LineText(line));
        }

        var element = link.IsImage ? ImageElement
            : link.Reference is not null || link.IsShortcut ? ReferenceElement
            : InlineElement;
        return new RawLink(link.Url!, element, line, column, TextOf(link) ?? link.Title);
    }

    /// <summary>The link's text as a reader sees it (for an image, its alt text).</summary>
    private static string? TextOf(ContainerInline container)
    {
        var text = new StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }
}
