using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Functions.Http;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary><c>GET /api/link-reports/{id}/report.{json|csv|html}</c>: a finished report file, streamed from the object store.</summary>
public sealed class GetLinkReportFile(LinkReportService reports)
{
    [Function(nameof(GetLinkReportFile))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "link-reports/{id:guid}/report.{format}")] HttpRequestData request,
        Guid id,
        string format,
        CancellationToken cancellationToken)
    {
        if (await reports.GetStateAsync(id, cancellationToken) is not { } report)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such report", $"There is no link report {id}.");
        }

        if (report.State == ReportState.Failed)
        {
            return await request.CreateProblemAsync(HttpStatusCode.Conflict, "Report failed",
                $"Link report {id} failed and has no files: {report.Error}");
        }

        if (report.State != ReportState.Done)
        {
            return await request.CreateProblemAsync(HttpStatusCode.Conflict, "Report not finished",
                $"Link report {id} is {report.State.ToName()}; its files exist once it is done.");
        }

        var file = await reports.OpenReportAsync(id, format, cancellationToken);
        if (file is not { } open)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such format", "Reports exist as report.json, report.csv and report.html.");
        }

        await using var content = open.Content;
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", open.ContentType);
        response.Headers.Add("Content-Disposition", $"inline; filename=\"link-report-{id}.{format.ToLowerInvariant()}\"");
        // The HTML report shows third-party content (titles, anchor texts): no scripts, no outside resources.
        response.Headers.Add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        response.Headers.Add("X-Content-Type-Options", "nosniff");
        await content.CopyToAsync(response.Body, cancellationToken);
        return response;
    }
}
