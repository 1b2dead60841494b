using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;

namespace Serverless.Links.Reports;

/// <summary>
/// The report as one self-contained HTML5 page for people: inline style, no scripts, nothing fetched from elsewhere,
/// readable on a phone.
/// </summary>
/// <remarks>
/// <para>Layout: a header (source, date), the summary (counts, URLs by status in <see cref="LinkStatusNames.ReportOrder"/>,
/// problems first), then one section per document that has links, its links grouped by status in the same order and
/// the links that were not checked last. Documents without links are not listed; one line at the end says how many
/// there were (the count is known only once they have streamed past).</para>
/// <para>Each document's links are already in memory (<see cref="ReportDocument.Links"/>); grouping passes over them
/// once per group instead of copying them, and nothing is kept from one document to the next.</para>
/// <para>Everything that comes from the document or the network is HTML-encoded. Only absolute http(s) URLs become
/// links, all with <c>rel="noopener noreferrer nofollow"</c>; anything else (<c>javascript:</c>, <c>data:</c>...) is shown
/// as text.</para>
/// </remarks>
internal sealed class HtmlReportWriter : IReportWriter
{
    private const string Rel = "noopener noreferrer nofollow";

    /// <summary>Groups are the statuses in report order, then one group of links without a check.</summary>
    private static readonly int NotCheckedGroup = LinkStatusNames.ReportOrder.Count;

    // Letters outside ASCII stay readable in the source; markup characters and quotes are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // Characters HTML5 does not allow even as character references (controls other than tab and LF, BMP noncharacters):
    // the encoder would write them as references, which makes the page invalid.
    private static readonly SearchValues<char> Disallowed = SearchValues.Create(
    [
        .. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n')).Select(c => (char)c),
        .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
        .. Enumerable.Range(0xFDD0, 0x20).Select(c => (char)c),
        '\uFFFE', '\uFFFF',
    ]);

    public string Format => "html";

    public string ContentType => "text/html; charset=utf-8";

    public async Task WriteAsync(ReportSummary summary, IAsyncEnumerable<ReportDocument> documents, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);

        await using var html = new ChunkedTextOutput(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var text = html.Text;
        WriteHead(text, summary);
        WriteSummary(text, summary);

        var withoutLinks = 0;
        var groupSizes = new int[NotCheckedGroup + 1];
        await foreach (var document in documents.WithCancellation(cancellationToken))
        {
            if (document.Links.Count == 0)
            {
                withoutLinks++;
                continue;
            }

            WriteDocumentHead(text, document, summary);
            Array.Clear(groupSizes);
            foreach (var link in document.Links)
            {
                groupSizes[GroupOf(link)]++;
            }

            for (var group = 0; group < groupSizes.Length; group++)
            {
                if (groupSizes[group] == 0)
                {
                    continue;
                }

                WriteGroupHead(text, group, groupSizes[group]);
                foreach (var link in document.Links)
                {
                    if (GroupOf(link) == group)
                    {
                        WriteLink(text, link);
                        await html.DrainIfFullAsync(cancellationToken);
                    }
                }

                text.Write("</ul>\n</section>\n");
            }

            text.Write("</article>\n");
            await html.DrainIfFullAsync(cancellationToken);
        }

        WriteFoot(text, summary, withoutLinks);
        await html.CompleteAsync(cancellationToken);
    }

    private static int GroupOf(ReportLink link) =>
        link.Verdict is { } verdict ? IndexOf(verdict.Status) : NotCheckedGroup;

    private static int IndexOf(LinkStatus status)
    {
        var order = LinkStatusNames.ReportOrder;
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == status)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(status), status, null);
    }

    private static void WriteHead(TextWriter text, ReportSummary summary)
    {
        text.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        text.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Following a link from a saved report should not tell the target where the report came from.
        text.Write("<meta name=\"referrer\" content=\"no-referrer\">\n<title>Link report");
        if (!string.IsNullOrEmpty(summary.SourceName))
        {
            text.Write(": ");
            Encode(text, summary.SourceName);
        }

        text.Write("</title>\n<style>\n");
        text.Write(HtmlReportStyle.Css);
        text.Write("\n</style>\n</head>\n<body>\n<header>\n<h1>Link report</h1>\n");
        if (!string.IsNullOrEmpty(summary.SourceName))
        {
            text.Write("<p class=\"source\">");
            Encode(text, summary.SourceName);
            text.Write("</p>\n");
        }

        text.Write("<p class=\"meta\">");
        text.Write(SourceLabel(summary));
        var date = summary.FinishedAt ?? summary.CreatedAt;
        text.Write(summary.FinishedAt is null ? " · started " : " · checked ");
        text.Write("<time datetime=\"");
        text.Write(date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        text.Write("\">");
        text.Write(date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        text.Write("</time>");
        if (IsWebUrl(summary.BaseUrl))
        {
            text.Write(" · base ");
            WriteAnchor(text, summary.BaseUrl, summary.BaseUrl, cssClass: null);
        }

        text.Write("</p>\n</header>\n<main>\n");
    }

    private static string SourceLabel(ReportSummary summary)
    {
        var document = summary.DocumentKind switch
        {
            "wxr" => "WordPress export",
            "html" => "HTML page",
            "markdown" => "Markdown",
            "text" => "Text",
            "tender" => "Tender",
            _ => "Document",
        };
        return summary.SourceKind switch
        {
            "upload" => document + ", uploaded",
            "url" => document + ", fetched from its URL",
            _ => document,
        };
    }

    private static void WriteSummary(TextWriter text, ReportSummary summary)
    {
        text.Write("<section class=\"summary\" aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<p>");
        Count(text, summary.Documents, "document", "documents");
        text.Write(" · ");
        Count(text, summary.Links, "link", "links");
        text.Write(" · ");
        Count(text, summary.UrlsChecked, "URL checked", "URLs checked");
        text.Write(" · ");
        Count(text, summary.Dead, "dead", "dead");
        text.Write(" · ");
        Count(text, summary.Archived, "archived", "archived");
        text.Write(" · ");
        Count(text, summary.NotChecked, "link not checked", "links not checked");
        text.Write("</p>\n");

        var any = false;
        foreach (var status in LinkStatusNames.ReportOrder)
        {
            var count = summary.ByStatus.GetValueOrDefault(status);
            if (count <= 0)
            {
                continue;
            }

            if (!any)
            {
                text.Write("<ul class=\"counts\">\n");
                any = true;
            }

            text.Write("<li class=\"s-");
            text.Write(status.ToName());
            text.Write("\"><b>");
            text.Write(count.ToString(CultureInfo.InvariantCulture));
            text.Write("</b> ");
            text.Write(Label(status));
            text.Write("</li>\n");
        }

        text.Write(any ? "</ul>\n" : "<p>No URL was checked.</p>\n");
        text.Write("</section>\n");
    }

    private static void WriteDocumentHead(TextWriter text, ReportDocument document, ReportSummary summary)
    {
        var source = document.Source;
        var id = document.Seq.ToString(CultureInfo.InvariantCulture);
        text.Write("<article class=\"doc\" id=\"doc-");
        text.Write(id);
        text.Write("\" aria-labelledby=\"doc-");
        text.Write(id);
        text.Write("-title\">\n<h2 id=\"doc-");
        text.Write(id);
        text.Write("-title\">");
        var title = !string.IsNullOrWhiteSpace(source.Title) ? source.Title
            : source.PostId is not null ? "Untitled " + (source.Type ?? "post")
            : summary.SourceName ?? "Document";
        Encode(text, title);
        text.Write("</h2>\n<p class=\"meta\">");
        var first = true;
        foreach (var fact in (ReadOnlySpan<string?>)[source.Type, source.Status])
        {
            if (!string.IsNullOrEmpty(fact))
            {
                Separate(text, ref first);
                Encode(text, fact);
            }
        }

        if (!string.IsNullOrEmpty(source.PostId))
        {
            Separate(text, ref first);
            text.Write("ID ");
            Encode(text, source.PostId);
        }

        Separate(text, ref first);
        Count(text, document.Links.Count, "link", "links");
        if (IsWebUrl(source.BaseUrl))
        {
            Separate(text, ref first);
            WriteAnchor(text, source.BaseUrl, source.BaseUrl, cssClass: null);
        }

        text.Write("</p>\n");
    }

    private static void WriteGroupHead(TextWriter text, int group, int size)
    {
        var name = group == NotCheckedGroup ? "not-checked" : LinkStatusNames.ReportOrder[group].ToName();
        var label = group == NotCheckedGroup ? "Not checked" : Label(LinkStatusNames.ReportOrder[group]);
        text.Write("<section class=\"group s-");
        text.Write(name);
        text.Write("\">\n<h3>");
        text.Write(label);
        text.Write(" (");
        text.Write(size.ToString(CultureInfo.InvariantCulture));
        text.Write(")</h3>\n<ul class=\"links\">\n");
    }

    private static void WriteLink(TextWriter text, ReportLink reportLink)
    {
        var link = reportLink.Link;
        var verdict = reportLink.Verdict;
        text.Write("<li>\n<p>");
        if (IsWebUrl(link.Url))
        {
            WriteAnchor(text, link.Url, link.Url, "url");
        }
        else
        {
            text.Write("<code>");
            Encode(text, link.Raw);
            text.Write("</code>");
        }

        if (verdict?.Dead == true)
        {
            text.Write(" <span class=\"dead\">dead</span>");
        }

        text.Write("</p>\n");
        if (!string.IsNullOrEmpty(link.Context))
        {
            text.Write("<p class=\"ctx\">");
            Encode(text, link.Context);
            text.Write("</p>\n");
        }

        WriteFacts(text, link, verdict);
        if (verdict is null)
        {
            text.Write("</li>\n");
            return;
        }

        if (verdict.Redirects.Count > 0 && IsWebUrl(verdict.FinalUrl))
        {
            text.Write("<p class=\"final\">Ends at ");
            WriteAnchor(text, verdict.FinalUrl, verdict.FinalUrl, cssClass: null);
            text.Write(" after ");
            Count(text, verdict.Redirects.Count, "redirect", "redirects");
            if (verdict.InsecureRedirect)
            {
                text.Write(", from https to http");
            }

            text.Write("</p>\n");
        }

        if (IsWebUrl(verdict.ArchiveUrl))
        {
            // Dead and broken links are what the archive is for: their copy is the prominent way on.
            var prominent = verdict.Dead || verdict.Status == LinkStatus.Broken;
            text.Write("<p>");
            WriteAnchor(text, verdict.ArchiveUrl, "Archived copy", prominent ? "archive" : null);
            text.Write("</p>\n");
        }

        text.Write("</li>\n");
    }

    private static void WriteFacts(TextWriter text, ExtractedLink link, LinkVerdict? verdict)
    {
        text.Write("<p class=\"facts\">");
        var first = true;
        if (verdict is null)
        {
            Separate(text, ref first);
            Encode(text, link.NotCheckedReason ?? (link.Kind == LinkKind.Internal ? "internal link" : "not checked"));
        }
        else
        {
            if (verdict.HttpStatus is { } httpStatus)
            {
                Separate(text, ref first);
                text.Write("HTTP ");
                text.Write(httpStatus.ToString(CultureInfo.InvariantCulture));
            }

            // A detail that only repeats the status code ("HTTP 404") says nothing more.
            if (!string.IsNullOrEmpty(verdict.Detail)
                && !(verdict.HttpStatus is { } code && verdict.Detail == "HTTP " + code.ToString(CultureInfo.InvariantCulture)))
            {
                Separate(text, ref first);
                Encode(text, verdict.Detail);
            }

            if (verdict.ConsecutiveFailures > 1)
            {
                Separate(text, ref first);
                text.Write("failed ");
                text.Write(verdict.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture));
                text.Write(" checks in a row");
            }
        }

        Separate(text, ref first);
        Encode(text, link.Element);
        if (link.Line > 0)
        {
            text.Write(", line ");
            text.Write(link.Line.ToString(CultureInfo.InvariantCulture));
        }

        text.Write("</p>\n");
    }

    private static void WriteFoot(TextWriter text, ReportSummary summary, int withoutLinks)
    {
        if (withoutLinks > 0)
        {
            text.Write("<p class=\"nolinks\">");
            Count(text, withoutLinks, "document without links is", "documents without links are");
            text.Write(" not listed.</p>\n");
        }

        text.Write("</main>\n<footer>\n<p>Report ");
        text.Write(summary.Id.ToString("D", CultureInfo.InvariantCulture));
        text.Write("</p>\n</footer>\n</body>\n</html>\n");
    }

    private static string Label(LinkStatus status) => status switch
    {
        LinkStatus.Broken => "Broken",
        LinkStatus.ServerError => "Server error",
        LinkStatus.Timeout => "Timed out",
        LinkStatus.TlsError => "TLS error",
        LinkStatus.Blocked => "Blocked",
        LinkStatus.RateLimited => "Rate limited",
        LinkStatus.Skipped => "Skipped",
        LinkStatus.Redirected => "Redirected",
        LinkStatus.Ok => "OK",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Writes an anchor; call only after <see cref="IsWebUrl"/> said yes for <paramref name="href"/>.</summary>
    private static void WriteAnchor(TextWriter text, string? href, string? label, string? cssClass)
    {
        text.Write("<a");
        if (cssClass is not null)
        {
            text.Write(" class=\"");
            text.Write(cssClass);
            text.Write('"');
        }

        text.Write(" href=\"");
        Encode(text, href);
        text.Write("\" rel=\"");
        text.Write(Rel);
        text.Write("\">");
        Encode(text, label);
        text.Write("</a>");
    }

    /// <summary>An absolute http(s) URL, spelled so from its first character (no leading blanks or control characters
    /// for a browser to strip into another scheme).</summary>
    private static bool IsWebUrl(string? url) =>
        url is not null
        && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void Encode(TextWriter text, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().ContainsAny(Disallowed))
        {
            // A CR is a line break to the reader; everything else has no meaning on a page.
            value = string.Create(value.Length, value, static (chars, source) =>
            {
                for (var i = 0; i < chars.Length; i++)
                {
                    var c = source[i];
                    chars[i] = c == '\r' ? ' ' : Disallowed.Contains(c) ? '\uFFFD' : c;
                }
            });
        }

        Encoder.Encode(text, value);
    }

    private static void Count(TextWriter text, int count, string one, string many)
    {
        text.Write(count.ToString(CultureInfo.InvariantCulture));
        text.Write(' ');
        text.Write(count == 1 ? one : many);
    }

    private static void Separate(TextWriter text, ref bool first)
    {
        if (!first)
        {
            text.Write(" · ");
        }

        first = false;
    }
}
