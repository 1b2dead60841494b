using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Functions.Http;
using Serverless.Links.Checking;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary><c>GET /api/link-reports/{id}</c>: state, progress and counts by status.</summary>
public sealed class GetLinkReport(LinkReportService reports)
{
    [Function(nameof(GetLinkReport))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "link-reports/{id:guid}")] HttpRequestData request,
        Guid id,
        CancellationToken cancellationToken)
    {
        var summary = await reports.GetAsync(id, cancellationToken);
        if (summary is null)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such report", $"There is no link report {id}.");
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new
        {
            summary.Id,
            State = summary.State.ToName(),
            Source = new { Kind = summary.SourceKind, Name = summary.SourceName, summary.DocumentKind, summary.BaseUrl, summary.TenderId },
            summary.Error,
            summary.CreatedAt,
            summary.FinishedAt,
            Progress = new { summary.Urls, Checked = summary.UrlsChecked },
            Counts = new
            {
                summary.Documents,
                summary.Links,
                summary.Urls,
                summary.NotChecked,
                summary.Dead,
                summary.Archived,
                ByStatus = LinkStatusNames.ReportOrder.Where(summary.ByStatus.ContainsKey).ToDictionary(s => s.ToName(), s => summary.ByStatus[s]),
            },
            Links = LinkReportLinks.For(request, id),
        }, cancellationToken);
        return response;
    }
}
