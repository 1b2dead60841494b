using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Functions.Http;
using Serverless.Tenders.Ports;

namespace Serverless.Functions.Tenders;

/// <summary><c>GET /api/tenders/{id}</c>: one tender record.</summary>
public sealed class GetTender(ITenderStore tenders)
{
    [Function(nameof(GetTender))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenders/{id:guid}")] HttpRequestData request,
        Guid id,
        CancellationToken cancellationToken)
    {
        var record = await tenders.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return await request.CreateProblemAsync(HttpStatusCode.NotFound, "No such tender", $"There is no tender {id}.");
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(record, cancellationToken);
        return response;
    }
}
