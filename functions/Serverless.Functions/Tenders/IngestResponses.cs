using System.Net;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Functions.Http;
using Serverless.Tenders.Ingestion;

namespace Serverless.Functions.Tenders;

/// <summary>Maps ingestion outcomes to HTTP answers.</summary>
internal static class IngestResponses
{
    public static async Task<HttpResponseData> ToResponseAsync(HttpRequestData request, IngestOutcome outcome)
    {
        switch (outcome)
        {
            case IngestOutcome.Created created:
                return await RecordAsync(request, HttpStatusCode.Created, created.Record);
            case IngestOutcome.Duplicate duplicate:
                return await RecordAsync(request, HttpStatusCode.OK, duplicate.Record);
            case IngestOutcome.Rejected rejected:
                var (status, title) = Status(rejected.Kind);
                return await request.CreateProblemAsync(status, title, problems: rejected.Problems);
            default:
                throw new InvalidOperationException($"Unknown ingestion outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>One line of a multipart answer.</summary>
    public static object Summary(string? fileName, IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Created c => new { fileName, status = "created", id = (Guid?)c.Record.Id, location = (string?)Location(c.Record.Id), problems = (IReadOnlyList<string>?)null },
        IngestOutcome.Duplicate d => new { fileName, status = "duplicate", id = (Guid?)d.Record.Id, location = (string?)Location(d.Record.Id), problems = (IReadOnlyList<string>?)null },
        IngestOutcome.Rejected r => new { fileName, status = "rejected", id = (Guid?)null, location = (string?)null, problems = (IReadOnlyList<string>?)r.Problems },
        _ => throw new InvalidOperationException($"Unknown ingestion outcome {outcome.GetType().Name}."),
    };

    public static (HttpStatusCode Status, string Title) Status(RejectionKind kind) => kind switch
    {
        RejectionKind.Empty => (HttpStatusCode.BadRequest, "Empty body"),
        RejectionKind.TooLarge => (HttpStatusCode.RequestEntityTooLarge, "Document too large"),
        RejectionKind.SourceUnavailable => (HttpStatusCode.UnprocessableEntity, "Source unavailable"),
        _ => (HttpStatusCode.UnprocessableEntity, "Not a supported notice"),
    };

    public static string Location(Guid id) => $"/api/tenders/{id}";

    private static async Task<HttpResponseData> RecordAsync(HttpRequestData request, HttpStatusCode status, Serverless.Tenders.Model.TenderRecord record)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Location", Location(record.Id));
        await response.WriteAsJsonAsync(record);
        return response;
    }
}
