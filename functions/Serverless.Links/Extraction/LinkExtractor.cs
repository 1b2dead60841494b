using System.Text;
using AngleSharp.Dom;

namespace Serverless.Links.Extraction;

/// <summary>
/// The extraction stage of link checking: content and its kind in, the links of each document out, resolved
/// against the base, classified (<see cref="LinkKind"/>) and deduplicated per document. Pure: no network, no
/// storage, and the input stream is only read (never disposed).
/// </summary>
/// <remarks>
/// <para>How a link is normalised: resolved as a browser resolves it (WHATWG URL parsing, honouring an HTML
/// <c>&lt;base href&gt;</c>), scheme and host lower case, IDN host in punycode, default port and dot segments
/// removed, characters that cannot stand in a URL percent-encoded as UTF-8, and every <c>%XX</c> kept exactly as
/// written (<c>%2F</c>, <c>%7E</c>, <c>+</c> and <c>:</c> are left alone). The fragment is kept apart in
/// <see cref="ExtractedLink.Fragment"/>. Protocol-relative links (<c>//host/x</c>) take the base's scheme, http
/// when there is no base.</para>
/// <para>What is listed: http(s) links as <see cref="LinkKind.Outbound"/> or <see cref="LinkKind.Internal"/> (see
/// <see cref="ExtractionOptions.SiteHosts"/>; subdomains of a site host and a <c>www.</c> prefix count as the
/// site); other schemes (<c>mailto:</c>, <c>tel:</c>, <c>javascript:</c>, <c>data:</c>, <c>ftp:</c>…), relative links
/// without a base and malformed URLs as <see cref="LinkKind.NotChecked"/> with a reason. What is not listed: links
/// to the document itself, i.e. an empty link or a <c>#fragment</c> alone (same-page anchors; a report has
/// nothing to check there).</para>
/// </remarks>
public static class LinkExtractor
{
    /// <summary>Tells the kind of a document from its first bytes (up to 4 KB), its file name and content type.</summary>
    /// <param name="head">The first bytes; more than 4 KB is allowed and ignored.</param>
    /// <param name="fileName">A hint: <c>.html</c>, <c>.md</c>, <c>.txt</c>… decide when the bytes have no signature.</param>
    /// <param name="contentType">A hint, after the file name: <c>text/html</c>, <c>text/markdown</c>, <c>text/plain</c>.</param>
    /// <returns>
    /// <see cref="DocumentKind.Wxr"/> for <c>&lt;rss&gt;</c> with the WordPress export namespace,
    /// <see cref="DocumentKind.Html"/> for <c>&lt;!doctype html&gt;</c> or <c>&lt;html&gt;</c>, else what the hints say;
    /// null when nothing tells (or the bytes look binary).
    /// </returns>
    public static DocumentKind? Detect(ReadOnlySpan<byte> head, string? fileName, string? contentType) =>
        DocumentSniffer.Detect(head, fileName, contentType);

    /// <summary>
    /// The documents in <paramref name="content"/>: one for HTML, Markdown and text, one per item for a WordPress
    /// export. Lazy and streaming: nothing is read until enumeration starts, and an export's items are read one
    /// at a time as the sequence is enumerated.
    /// </summary>
    /// <exception cref="LinkExtractionException">While enumerating: the content cannot be read as <paramref name="kind"/>
    /// (malformed XML, a DTD, XML that is not a WordPress export). The message is for the user.</exception>
    /// <exception cref="ArgumentException"><see cref="ExtractionOptions.BaseUrl"/> is not absolute.</exception>
    public static IEnumerable<ExtractedDocument> Extract(Stream content, DocumentKind kind, ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var documentUrl = LinkResolver.FromUri(options.BaseUrl);
        return kind switch
        {
            DocumentKind.Wxr => new WxrLinkReader(options).Read(content),
            DocumentKind.Html => Lazy(() => FromHtml(content, documentUrl, options)),
            DocumentKind.Markdown => Lazy(() => FromRawLinks(new MarkdownLinkReader(new HtmlLinkReader()).Read(ReadText(content)), documentUrl, options)),
            DocumentKind.Text => Lazy(() => FromRawLinks(TextLinkReader.Read(ReadText(content)), documentUrl, options)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document kind."),
        };
    }

    /// <summary>
    /// The links of a tender record (its <c>links</c>, each with the element it came from, such as
    /// <c>tender:documents</c>), normalised and classified like any other document's.
    /// </summary>
    public static ExtractedDocument FromUrls(IEnumerable<(string Url, string Element)> links, ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(options);
        var documentUrl = LinkResolver.FromUri(options.BaseUrl);
        var raw = links.Select(link => new RawLink(link.Url, link.Element, 0, 0, null));
        return FromRawLinks(raw, documentUrl, options);
    }

    private static ExtractedDocument FromHtml(Stream content, Url? documentUrl, ExtractionOptions options)
    {
        var html = new HtmlLinkReader().Read(content);
        var baseUrl = LinkResolver.ResolveBase(html.BaseHref, documentUrl);
        var links = new DocumentLinks(baseUrl, SiteOf(options));
        links.AddRange(html.Links);
        return new ExtractedDocument(new LinkSource { BaseUrl = baseUrl?.Href }, links.Links);
    }

    private static ExtractedDocument FromRawLinks(IEnumerable<RawLink> raw, Url? documentUrl, ExtractionOptions options)
    {
        var links = new DocumentLinks(documentUrl, SiteOf(options));
        links.AddRange(raw);
        return new ExtractedDocument(new LinkSource { BaseUrl = documentUrl?.Href }, links.Links);
    }

    /// <summary>The configured site hosts, else the document URL's host.</summary>
    private static SiteHosts SiteOf(ExtractionOptions options) =>
        options.SiteHosts.Count > 0 ? SiteHosts.From(options.SiteHosts) : SiteHosts.From([options.BaseUrl?.OriginalString]);

    /// <summary>Markdown and text are parsed whole; UTF-8 unless a byte order mark says otherwise.</summary>
    private static string ReadText(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return reader.ReadToEnd();
    }

    private static IEnumerable<ExtractedDocument> Lazy(Func<ExtractedDocument> extract)
    {
        yield return extract();
    }
}
