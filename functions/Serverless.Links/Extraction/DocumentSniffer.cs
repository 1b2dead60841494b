using System.Text;

namespace Serverless.Links.Extraction;

/// <summary>
/// Tells a document's kind from its first bytes, with the file name and content type as hints. What the bytes
/// say wins (a WordPress export saved as <c>.txt</c> is still an export); the hints decide only when the bytes
/// have no signature, as Markdown and plain text have none.
/// </summary>
internal static class DocumentSniffer
{
    /// <summary>How much of the start is looked at; WXR's namespace comes after a dozen comment lines, well within it.</summary>
    public const int HeadLength = 4096;

    private static readonly string[] HtmlStarts = ["<!doctype html", "<html", "<head", "<body"];

    public static DocumentKind? Detect(ReadOnlySpan<byte> head, string? fileName, string? contentType)
    {
        var text = Decode(head[..Math.Min(head.Length, HeadLength)]);
        if (text is null)
        {
            return null;
        }

        var start = SkipWhitespaceAndComments(text, 0);
        if (StartsWith(text, start, "<?xml"))
        {
            var declarationEnd = text.IndexOf("?>", start, StringComparison.Ordinal);
            start = declarationEnd < 0 ? text.Length : SkipWhitespaceAndComments(text, declarationEnd + 2);
        }

        // An export with a DTD is still an export (refused later for its DTD, with that reason): look past it.
        if (StartsWith(text, start, "<!doctype rss"))
        {
            start = SkipWhitespaceAndComments(text, AfterDoctype(text, start));
        }

        if (StartsWith(text, start, "<rss")
            && (text.Contains(WxrNames.ExportNamespacePrefix, StringComparison.Ordinal)
                || text.Contains(WxrNames.SecureExportNamespacePrefix, StringComparison.Ordinal)))
        {
            return DocumentKind.Wxr;
        }

        // XHTML may open with a DOCTYPE that is not "html" alone; <html comes right after it.
        if (HtmlStarts.Any(signature => StartsWith(text, start, signature))
            || (StartsWith(text, start, "<!doctype") && text.IndexOf("<html", start, StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return DocumentKind.Html;
        }

        return FromFileName(fileName) ?? FromContentType(contentType);
    }

    private static DocumentKind? FromFileName(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".html" or ".htm" or ".xhtml" => DocumentKind.Html,
        ".md" or ".markdown" or ".mdown" or ".mkd" => DocumentKind.Markdown,
        ".txt" or ".text" => DocumentKind.Text,
        _ => null,
    };

    private static DocumentKind? FromContentType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "text/html" or "application/xhtml+xml" => DocumentKind.Html,
            "text/markdown" or "text/x-markdown" => DocumentKind.Markdown,
            "text/plain" => DocumentKind.Text,
            _ => null,
        };
    }

    /// <summary>The head as text, by its byte order mark (UTF-8 without one); null when it looks binary (a NUL byte).</summary>
    private static string? Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        // Text in any ASCII-compatible encoding has no NUL byte; images, archives and office files almost always do.
        return head.Contains((byte)0) ? null : Encoding.UTF8.GetString(head);
    }

    /// <summary>Just past a <c>&lt;!DOCTYPE ...&gt;</c> at <paramref name="position"/>, its internal subset included.</summary>
    private static int AfterDoctype(string text, int position)
    {
        var close = text.IndexOf('>', position);
        var subset = text.IndexOf('[', position);
        if (subset >= 0 && (close < 0 || subset < close))
        {
            var subsetEnd = text.IndexOf(']', subset);
            close = subsetEnd < 0 ? -1 : text.IndexOf('>', subsetEnd);
        }

        return close < 0 ? text.Length : close + 1;
    }

    private static int SkipWhitespaceAndComments(string text, int position)
    {
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (!StartsWith(text, position, "<!--"))
            {
                return position;
            }

            var end = text.IndexOf("-->", position + 4, StringComparison.Ordinal);
            if (end < 0)
            {
                return text.Length;
            }

            position = end + 3;
        }
    }

    private static bool StartsWith(string text, int position, string value) =>
        text.AsSpan(position).StartsWith(value, StringComparison.OrdinalIgnoreCase);
}
