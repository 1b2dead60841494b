using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Functions.Http;
using Serverless.Functions.Links;
using Serverless.Tenders.Ingestion;

namespace Serverless.Functions.Tenders;

/// <summary>
/// <c>POST /api/tenders</c>: one notice file as the body (any or no Content-Type, optional <c>?filename=</c>),
/// or <c>multipart/form-data</c> with several files. 201 + Location for a new record, 200 for bytes ingested
/// before, 4xx problem+json for a refused file (nothing stored).
/// </summary>
public sealed class IngestTender(TenderIngestion ingestion, TenderLinkReports linkReports)
{
    [Function(nameof(IngestTender))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenders")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var contentType = request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await IngestMultipartAsync(request, media, cancellationToken);
        }

        var outcome = await ingestion.IngestAsync(request.Body, request.Query["filename"], cancellationToken);
        await linkReports.RequestAsync(outcome, cancellationToken);
        return await IngestResponses.ToResponseAsync(request, outcome);
    }

    private async Task<HttpResponseData> IngestMultipartAsync(HttpRequestData request, MediaTypeHeaderValue media, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad multipart body", "The multipart/form-data Content-Type has no boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        var results = new List<object>();
        try
        {
            await ReadFilesAsync(reader, results, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // A malformed or truncated multipart body is the client's error; files before the damage were ingested.
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad multipart body",
                $"The multipart body is malformed or truncated ({e.Message}); {results.Count} file(s) before that point were processed.");
        }

        if (results.Count == 0)
        {
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "No files", "The multipart body has no file parts (Content-Disposition: form-data; name=...; filename=...).");
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new { results }, cancellationToken);
        return response;
    }

    private async Task ReadFilesAsync(MultipartReader reader, List<object> results, CancellationToken cancellationToken)
    {
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition is null || !disposition.IsFileDisposition())
            {
                continue;
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value;
            var outcome = await ingestion.IngestAsync(section.Body, fileName, cancellationToken);
            await linkReports.RequestAsync(outcome, cancellationToken);
            results.Add(IngestResponses.Summary(fileName, outcome));
        }
    }
}
