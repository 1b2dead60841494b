using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Functions.Http;
using Serverless.Links.Extraction;
using Serverless.Links.Reports;
using Serverless.Links.Ports;
using Serverless.Tenders.Ports;

namespace Serverless.Functions.Links;

/// <summary>
/// <c>POST /api/link-reports</c>: a document as the body (HTML, WordPress export, Markdown or text; optional
/// <c>?kind=</c>, <c>?base=</c> for relative links, <c>?filename=</c>), or JSON <c>{"url": "..."}</c> (one page, fetched
/// through the private-address guard) or <c>{"tenderId": "..."}</c> (a tender's links). 202 with the report's id and a
/// Location header; the work continues on the queues. 4xx problem+json when refused (nothing stored).
/// </summary>
public sealed class CreateLinkReport(LinkReportService reports, IPageFetcher pages, ITenderStore tenders)
{
    private const int MaxRequestJsonBytes = 64 * 1024;

    [Function(nameof(CreateLinkReport))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "link-reports")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var contentType = request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await FromJsonAsync(request, cancellationToken);
        }

        DocumentKind? kind = null;
        if (request.Query["kind"] is { Length: > 0 } kindName)
        {
            if (!Enum.TryParse<DocumentKind>(kindName, ignoreCase: true, out var parsed) || int.TryParse(kindName, out _))
            {
                return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Unknown kind", "kind must be one of html, wxr, markdown, text.");
            }

            kind = parsed;
        }

        Uri? baseUrl = null;
        if (request.Query["base"] is { Length: > 0 } baseText
            && (!Uri.TryCreate(baseText, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad base URL", "base must be an absolute http or https URL.");
        }

        var creation = await reports.CreateFromDocumentAsync(request.Body, request.Query["filename"], contentType, kind, baseUrl, "upload", cancellationToken);
        return await RespondAsync(request, creation, cancellationToken);
    }

    private async Task<HttpResponseData> FromJsonAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        ReportRequest? body;
        try
        {
            using var limited = new MemoryStream();
            await CopyLimitedAsync(request.Body, limited, cancellationToken);
            limited.Position = 0;
            body = await JsonSerializer.DeserializeAsync<ReportRequest>(limited, ReportRequest.Json, cancellationToken);
        }
        catch (JsonException e)
        {
            // The serializer's message names our internal types; say what is expected instead, and where it went wrong.
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad JSON",
                $"Expected {{\"url\": \"https://...\"}} or {{\"tenderId\": \"<uuid>\"}}; the body is not that{(e.Path is { Length: > 1 } path ? $" at {path}" : "")}"
                + (e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})." : "."));
        }
        catch (InvalidDataException e)
        {
            return await request.CreateProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Request too large", e.Message);
        }

        switch (body)
        {
            case { Url: { Length: > 0 } url, TenderId: null }:
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad URL", "url must be an absolute http or https URL.");
                }

                return await RespondAsync(request, await reports.CreateFromPageAsync(uri, pages, cancellationToken), cancellationToken);

            case { Url: null or "", TenderId: { } tenderId }:
                var tender = await tenders.GetAsync(tenderId, cancellationToken);
                if (tender is null)
                {
                    return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such tender", $"There is no tender {tenderId}.");
                }

                var id = await reports.CreateFromLinksAsync(tender.Links.Select(l => (l.Url, "tender:" + l.Kind)), "tender",
                    tender.Title ?? tender.NoticeId, tender.Id, cancellationToken);
                return await RespondAsync(request, ReportCreation.Created(id), cancellationToken);

            default:
                return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad request",
                    "Send a document as the body, or JSON with exactly one of \"url\" (a page to scan) or \"tenderId\".");
        }
    }

    private static async Task<HttpResponseData> RespondAsync(HttpRequestData request, ReportCreation creation, CancellationToken cancellationToken)
    {
        if (creation.Id is not { } id)
        {
            var (status, title) = creation.Rejection switch
            {
                ReportRejection.TooLarge => (HttpStatusCode.RequestEntityTooLarge, "Document too large"),
                ReportRejection.UnknownKind => (HttpStatusCode.UnsupportedMediaType, "Unknown kind of document"),
                ReportRejection.Unreadable => (HttpStatusCode.UnprocessableEntity, "Unreadable document"),
                ReportRejection.SourceUnavailable => (HttpStatusCode.UnprocessableEntity, "Page unavailable"),
                ReportRejection.BadUrl => (HttpStatusCode.BadRequest, "URL not allowed"),
                _ => (HttpStatusCode.BadRequest, "Empty document"),
            };
            return await request.CreateProblemAsync(status, title, creation.Detail);
        }

        var response = request.CreateResponse(HttpStatusCode.Accepted);
        var location = LinkReportLinks.Self(request, id);
        response.Headers.Add("Location", location);
        await response.WriteAsJsonAsync(new { id, state = "queued", links = LinkReportLinks.For(request, id) }, cancellationToken);
        response.StatusCode = HttpStatusCode.Accepted;
        return response;
    }

    private static async Task CopyLimitedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (target.Length + read > MaxRequestJsonBytes)
            {
                throw new InvalidDataException($"A JSON report request is at most {MaxRequestJsonBytes} bytes.");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private sealed record ReportRequest(string? Url, Guid? TenderId)
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    }
}
