using System.Text;

namespace Serverless.Links.Extraction;

/// <summary>Shapes <see cref="ExtractedLink.Context"/>: whitespace collapsed, at most <see cref="MaxLength"/> characters.</summary>
internal static class ContextText
{
    public const int MaxLength = 200;

    private const char Ellipsis = '…';

    /// <summary>The text with runs of whitespace made one space and the ends trimmed; null when nothing is left.</summary>
    public static string? From(string? text)
    {
        var collapsed = Collapse(text);
        if (collapsed.Length == 0)
        {
            return null;
        }

        if (collapsed.Length <= MaxLength)
        {
            return collapsed;
        }

        // Cut before a lone high surrogate so the text stays valid UTF-16 when it is serialised.
        var cut = MaxLength - 1;
        if (char.IsHighSurrogate(collapsed[cut - 1]))
        {
            cut--;
        }

        return string.Concat(collapsed.AsSpan(0, cut), Ellipsis.ToString());
    }

    /// <summary>Whitespace runs made one space, ends trimmed; titles of posts are written across lines in some exports.</summary>
    public static string Collapse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
