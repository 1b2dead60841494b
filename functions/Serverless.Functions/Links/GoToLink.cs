using System.Net;
using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Options;
using Serverless.Functions.Http;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary>
/// <c>GET /api/go?url=...</c> (anonymous, for readers): a redirect to the live page, or to its archived copy when the link
/// is dead — Link Fixer's reader-side behaviour — with a short cache lifetime so a recovered link is followed again soon.
/// Only URLs a report has seen are redirected: this is not an open redirect.
/// </summary>
public sealed class GoToLink(LinkReportService reports, IOptions<LinkReportOptions> options)
{
    [Function(nameof(GoToLink))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "go")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        if (request.Query["url"] is not { Length: > 0 } url)
        {
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Missing url", "Give the link as ?url=...");
        }

        var target = await reports.ResolveAsync(url, cancellationToken);
        if (target is null)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "Unknown link", "Only links found by a link report are redirected.");
        }

        var response = request.CreateResponse(HttpStatusCode.Found);
        response.Headers.Add("Location", target.Location);
        response.Headers.Add("Cache-Control", "public, max-age=" + ((int)options.Value.GoCacheLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("Referrer-Policy", "no-referrer");
        return response;
    }
}
