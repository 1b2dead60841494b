using System.Globalization;
using System.Text;
using Serverless.Links.Checking;

namespace Serverless.Links.Reports;

/// <summary>
/// The report as CSV for spreadsheets: RFC 4180, UTF-8 with a byte order mark (so Excel reads accents), CRLF line ends,
/// a header row, then one row per link in document order.
/// </summary>
/// <remarks>
/// <para>Columns: <c>postId, title, type</c> (the link's post or page), <c>url, raw, context</c> (anchor text),
/// <c>kind, element, line, status, httpStatus, finalUrl, dead, consecutiveFailures, archiveUrl, detail</c>.
/// A link without a check has empty check columns, and its <c>detail</c> says why it was not checked (its
/// <see cref="Extraction.ExtractedLink.NotCheckedReason"/>). An unknown line (0) is empty.</para>
/// <para>Titles, anchor texts and raw links are the publisher's content and end up in a spreadsheet: a text field that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR gets a leading <c>'</c> so it is shown, never
/// evaluated as a formula (OWASP "CSV injection").</para>
/// </remarks>
internal sealed class CsvReportWriter : IReportWriter
{
    private const string LineEnd = "\r\n";

    private static readonly string[] Header =
    [
        "postId", "title", "type", "url", "raw", "context", "kind", "element", "line", "status", "httpStatus", "finalUrl",
        "dead", "consecutiveFailures", "archiveUrl", "detail",
    ];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public string Format => "csv";

    public string ContentType => "text/csv; charset=utf-8";

    public async Task WriteAsync(ReportSummary summary, IAsyncEnumerable<ReportDocument> documents, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);

        await using var csv = new ChunkedTextOutput(output, Utf8WithBom);
        var text = csv.Text;
        text.Write(string.Join(',', Header));
        text.Write(LineEnd);
        await foreach (var document in documents.WithCancellation(cancellationToken))
        {
            foreach (var link in document.Links)
            {
                WriteRow(text, document, link);
                await csv.DrainIfFullAsync(cancellationToken);
            }
        }

        await csv.CompleteAsync(cancellationToken);
    }

    private static void WriteRow(TextWriter text, ReportDocument document, ReportLink reportLink)
    {
        var link = reportLink.Link;
        var verdict = reportLink.Verdict;
        WriteText(text, document.Source.PostId);
        Comma(text);
        WriteText(text, document.Source.Title);
        Comma(text);
        WriteText(text, document.Source.Type);
        Comma(text);
        WriteText(text, link.Url);
        Comma(text);
        WriteText(text, link.Raw);
        Comma(text);
        WriteText(text, link.Context);
        Comma(text);
        WriteText(text, link.Kind.ToName());
        Comma(text);
        WriteText(text, link.Element);
        Comma(text);
        WriteNumber(text, link.Line > 0 ? link.Line : null);
        Comma(text);
        WriteText(text, verdict?.Status.ToName());
        Comma(text);
        WriteNumber(text, verdict?.HttpStatus);
        Comma(text);
        WriteText(text, verdict?.FinalUrl);
        Comma(text);
        WriteText(text, verdict is null ? null : verdict.Dead ? "true" : "false");
        Comma(text);
        WriteNumber(text, verdict?.ConsecutiveFailures);
        Comma(text);
        WriteText(text, verdict?.ArchiveUrl);
        Comma(text);
        WriteText(text, verdict is null ? link.NotCheckedReason : verdict.Detail);
        text.Write(LineEnd);
    }

    private static void Comma(TextWriter text) => text.Write(',');

    private static void WriteNumber(TextWriter text, int? value)
    {
        if (value is { } number)
        {
            text.Write(number.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Writes one text field: formula guard first, then RFC 4180 quoting of the guarded value.</summary>
    private static void WriteText(TextWriter text, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var guard = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote)
        {
            text.Write('"');
        }

        if (guard)
        {
            text.Write('\'');
        }

        if (quote)
        {
            foreach (var c in value)
            {
                if (c == '"')
                {
                    text.Write('"');
                }

                text.Write(c);
            }

            text.Write('"');
        }
        else
        {
            text.Write(value);
        }
    }
}
