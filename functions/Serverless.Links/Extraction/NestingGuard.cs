using System.Collections.Frozen;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;

namespace Serverless.Links.Extraction;

/// <summary>
/// Stops an HTML parse whose elements nest deeper than <see cref="MaxDepth"/>. The HTML tree algorithm looks down the
/// stack of open elements for most start tags, so its time grows with the square of the nesting: 40,000 unclosed
/// <c>&lt;div&gt;</c> (240 KB) take AngleSharp some 7 s, a megabyte of them minutes. Real pages nest a few dozen deep.
/// </summary>
/// <remarks>
/// The depth is counted from the tokens as they come (start tags up, end tags down), before the tree is built, so the
/// parse stops early. Void elements and elements whose end tag may be left out (<c>p</c>, <c>li</c>, <c>td</c>…) are not
/// counted: a page of unclosed paragraphs is flat, not deep. The count is an estimate that errs high for badly closed
/// markup, hence a limit far above any real page (the corpus pages reach 18).
/// </remarks>
internal sealed class NestingGuard
{
    public const int MaxDepth = 1024;

    private static readonly FrozenSet<string> NotNesting = new[]
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb", "rt", "rtc", "rp",
        "colgroup", "caption", "html", "head", "body",
    }.ToFrozenSet(StringComparer.Ordinal);

    private int _depth;

    public void Reset() => _depth = 0;

    /// <exception cref="LinkExtractionException">The nesting passed <see cref="MaxDepth"/>.</exception>
    public void Observe(HtmlToken token)
    {
        if (token.Type == HtmlTokenType.StartTag && token is HtmlTagToken { IsSelfClosing: false } && !NotNesting.Contains(token.Name))
        {
            if (++_depth > MaxDepth)
            {
                throw new LinkExtractionException(
                    $"The HTML nests elements more than {MaxDepth} deep (line {token.Position.Line}); no real page does, and reading it would take too long.");
            }
        }
        else if (token.Type == HtmlTokenType.EndTag && _depth > 0 && !NotNesting.Contains(token.Name))
        {
            _depth--;
        }
    }
}
