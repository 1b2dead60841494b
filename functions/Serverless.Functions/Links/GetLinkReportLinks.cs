using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Functions.Http;
using Serverless.Links.Checking;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary><c>GET /api/link-reports/{id}/links?status=&amp;page=&amp;pageSize=</c>: the report's checked links, optionally of one status.</summary>
public sealed class GetLinkReportLinks(LinkReportService reports)
{
    private const int MaxPageSize = 500;

    [Function(nameof(GetLinkReportLinks))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "link-reports/{id:guid}/links")] HttpRequestData request,
        Guid id,
        CancellationToken cancellationToken)
    {
        LinkStatus? status = null;
        if (request.Query["status"] is { Length: > 0 } statusName)
        {
            if (!LinkStatusNames.TryParse(statusName, out var parsed))
            {
                return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Unknown status",
                    "status must be one of " + string.Join(", ", LinkStatusNames.ReportOrder.Select(s => s.ToName())) + ".");
            }

            status = parsed;
        }

        if (!TryInt(request.Query["page"], 1, out var page) || page < 1
            || !TryInt(request.Query["pageSize"], 100, out var pageSize) || pageSize is < 1 or > MaxPageSize)
        {
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad paging", $"page must be >= 1 and pageSize between 1 and {MaxPageSize}.");
        }

        if (await reports.GetStateAsync(id, cancellationToken) is null)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such report", $"There is no link report {id}.");
        }

        var result = await reports.GetLinksAsync(id, status, page, pageSize, cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new
        {
            result.Page,
            result.PageSize,
            result.Total,
            Items = result.Items.Select(i => new
            {
                Source = new { i.Source.PostId, i.Source.Title, i.Source.Type },
                i.Link.Link.Url,
                i.Link.Link.Raw,
                i.Link.Link.Element,
                i.Link.Link.Line,
                Status = i.Link.Verdict?.Status.ToName(),
                i.Link.Verdict?.HttpStatus,
                i.Link.Verdict?.FinalUrl,
                i.Link.Verdict?.Detail,
                Dead = i.Link.Verdict?.Dead ?? false,
                i.Link.Verdict?.ConsecutiveFailures,
                i.Link.Verdict?.ArchiveUrl,
                i.Link.Verdict?.CheckedAt,
            }),
        }, cancellationToken);
        return response;
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
