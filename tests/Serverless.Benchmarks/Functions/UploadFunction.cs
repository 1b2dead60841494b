using System.Globalization;
using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Tenders.Ports;

namespace Serverless.Benchmarks.Functions;

/// <summary>
/// <c>POST /api/bench/upload</c>: streams the body into the object store and answers 201 with the object key. Kept for
/// the large-document figure until the tender attachment upload exists; then that function should be measured instead.
/// </summary>
public sealed class UploadFunction(IObjectStore objects)
{
    public const string Route = "bench/upload";
    public const string Path = "/api/" + Route;
    public const string KeyPrefix = "bench/uploads/";

    [Function("BenchUpload")]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var size = request.Headers.TryGetValues("Content-Length", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : -1;
        var key = KeyPrefix + Guid.NewGuid().ToString("N");
        await objects.PutAsync(key, request.Body, size, "application/octet-stream", cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.Created);
        await response.WriteStringAsync(key, cancellationToken);
        return response;
    }
}
