namespace Serverless.Links.Extraction;

/// <summary>The links of a plain-text document: URLs written out (see <see cref="BareUrlScanner"/>), element <c>bare</c>.</summary>
internal static class TextLinkReader
{
    public const string Element = "bare";

    public static IReadOnlyList<RawLink> Read(string text)
    {
        var lines = new LineIndex(text);
        var links = new List<RawLink>();
        foreach (var (start, length) in BareUrlScanner.Find(text))
        {
            var url = text.Substring(start, length);
            var (line, column) = lines.PositionOf(start);
            links.Add(new RawLink(url, BareUrlScanner.HrefOf(url), Element, line, column, lines.LineText(line)));
        }

        return links;
    }
}
