using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Serverless.Links.Checking;

namespace Serverless.Links.Reports;

/// <summary>
/// The report as one JSON object (camelCase), written with <see cref="Utf8JsonWriter"/> and flushed every
/// <see cref="FlushThresholdBytes"/>, so a report of any size takes the same memory.
/// </summary>
/// <remarks>
/// <para>Shape: <c>{ id, state, error, source: { kind, name, documentKind, baseUrl, tenderId }, createdAt, finishedAt,
/// counts: { documents, links, urls, urlsChecked, notChecked, dead, archived, byStatus }, documents: [...] }</c>.
/// <c>byStatus</c> lists every status in <see cref="LinkStatusNames.ReportOrder"/>, zeros included, so its shape is fixed.
/// The head and each document (<c>seq, postId, title, type, status, baseUrl, links</c>) write their nulls explicitly:
/// they occur once.</para>
/// <para>Links are the bulk of a report, so inside a link and its check null members are omitted, and so is an empty
/// <c>redirects</c> list (absent means none). The exception is <c>check</c>: always present, <c>null</c> for a link
/// that was not checked (internal, not-checked), so "not checked" is said, not inferred. Numbers and booleans are always
/// written (<c>line</c> and <c>column</c> are 0 when unknown).</para>
/// <para>Text is escaped for JSON and for embedding (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes) but letters
/// outside ASCII are kept as they are.</para>
/// </remarks>
internal sealed class JsonReportWriter : IReportWriter
{
    /// <summary>Bytes the JSON writer may hold before they are handed to the stream.</summary>
    internal const int FlushThresholdBytes = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string Format => "json";

    public string ContentType => "application/json";

    public async Task WriteAsync(ReportSummary summary, IAsyncEnumerable<ReportDocument> documents, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);

        await using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        WriteHead(json, summary);
        json.WriteStartArray("documents");
        await foreach (var document in documents.WithCancellation(cancellationToken))
        {
            WriteDocumentHead(json, document);
            json.WriteStartArray("links");
            foreach (var link in document.Links)
            {
                WriteLink(json, link);
                if (json.BytesPending >= FlushThresholdBytes)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteHead(Utf8JsonWriter json, ReportSummary summary)
    {
        json.WriteString("id", summary.Id);
        json.WriteString("state", summary.State.ToName());
        json.WriteString("error", summary.Error);

        json.WriteStartObject("source");
        json.WriteString("kind", summary.SourceKind);
        json.WriteString("name", summary.SourceName);
        json.WriteString("documentKind", summary.DocumentKind);
        json.WriteString("baseUrl", summary.BaseUrl);
        if (summary.TenderId is { } tenderId)
        {
            json.WriteString("tenderId", tenderId);
        }
        else
        {
            json.WriteNull("tenderId");
        }

        json.WriteEndObject();

        json.WriteString("createdAt", summary.CreatedAt);
        if (summary.FinishedAt is { } finishedAt)
        {
            json.WriteString("finishedAt", finishedAt);
        }
        else
        {
            json.WriteNull("finishedAt");
        }

        json.WriteStartObject("counts");
        json.WriteNumber("documents", summary.Documents);
        json.WriteNumber("links", summary.Links);
        json.WriteNumber("urls", summary.Urls);
        json.WriteNumber("urlsChecked", summary.UrlsChecked);
        json.WriteNumber("notChecked", summary.NotChecked);
        json.WriteNumber("dead", summary.Dead);
        json.WriteNumber("archived", summary.Archived);
        json.WriteStartObject("byStatus");
        foreach (var status in LinkStatusNames.ReportOrder)
        {
            json.WriteNumber(status.ToName(), summary.ByStatus.GetValueOrDefault(status));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteDocumentHead(Utf8JsonWriter json, ReportDocument document)
    {
        json.WriteStartObject();
        json.WriteNumber("seq", document.Seq);
        json.WriteString("postId", document.Source.PostId);
        json.WriteString("title", document.Source.Title);
        json.WriteString("type", document.Source.Type);
        json.WriteString("status", document.Source.Status);
        json.WriteString("baseUrl", document.Source.BaseUrl);
    }

    private static void WriteLink(Utf8JsonWriter json, ReportLink reportLink)
    {
        var link = reportLink.Link;
        json.WriteStartObject();
        WriteIfPresent(json, "url", link.Url);
        json.WriteString("raw", link.Raw);
        WriteIfPresent(json, "fragment", link.Fragment);
        json.WriteString("kind", link.Kind.ToName());
        json.WriteString("element", link.Element);
        json.WriteNumber("line", link.Line);
        json.WriteNumber("column", link.Column);
        WriteIfPresent(json, "context", link.Context);
        WriteIfPresent(json, "notCheckedReason", link.NotCheckedReason);
        if (reportLink.Verdict is { } verdict)
        {
            json.WriteStartObject("check");
            WriteVerdict(json, verdict);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("check");
        }

        json.WriteEndObject();
    }

    private static void WriteVerdict(Utf8JsonWriter json, LinkVerdict verdict)
    {
        json.WriteString("status", verdict.Status.ToName());
        if (verdict.HttpStatus is { } httpStatus)
        {
            json.WriteNumber("httpStatus", httpStatus);
        }

        WriteIfPresent(json, "finalUrl", verdict.FinalUrl);
        WriteIfPresent(json, "detail", verdict.Detail);
        if (verdict.Redirects.Count > 0)
        {
            json.WriteStartArray("redirects");
            foreach (var hop in verdict.Redirects)
            {
                json.WriteStartObject();
                json.WriteString("url", hop.Url);
                json.WriteNumber("statusCode", hop.StatusCode);
                json.WriteString("location", hop.Location);
                json.WriteBoolean("permanent", hop.Permanent);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteBoolean("insecureRedirect", verdict.InsecureRedirect);
        json.WriteString("checkedAt", verdict.CheckedAt);
        json.WriteBoolean("dead", verdict.Dead);
        json.WriteNumber("consecutiveFailures", verdict.ConsecutiveFailures);
        if (verdict.ArchiveOutcome is { } outcome)
        {
            json.WriteString("archiveOutcome", outcome.ToName());
        }

        WriteIfPresent(json, "archiveUrl", verdict.ArchiveUrl);
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
