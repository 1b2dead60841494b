namespace Serverless.Links.Extraction;

/// <summary>A link as a format reader found it, before it is resolved, classified and deduplicated.</summary>
/// <param name="Raw">As written (HTML character references decoded once).</param>
/// <param name="Href">What to resolve: <paramref name="Raw"/>, except where the format implies more
/// (a bare <c>www.example.org</c> is <c>http://www.example.org</c>).</param>
/// <param name="Element">See <see cref="ExtractedLink.Element"/>.</param>
/// <param name="Line">1-based; 0 when unknown.</param>
/// <param name="Column">1-based; 0 when unknown.</param>
/// <param name="Context">Anchor text or surrounding words, not yet shortened.</param>
internal readonly record struct RawLink(string Raw, string Href, string Element, int Line, int Column, string? Context)
{
    public RawLink(string raw, string element, int line, int column, string? context)
        : this(raw, raw, element, line, column, context)
    {
    }

    /// <summary>The same link moved by a number of lines, for HTML found inside a larger document.</summary>
    public RawLink Offset(int lines, int columnsOnFirstLine) =>
        Line == 0 ? this : this with { Line = Line + lines, Column = Line == 1 ? Column + columnsOnFirstLine : Column };
}
