using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Serverless.Benchmarks.Functions;

/// <summary>The trivial HTTP function: <c>GET /api/bench/hello</c> answers a short text, as the bare app's endpoint does.</summary>
public sealed class HelloFunction
{
    public const string Route = "bench/hello";
    public const string Path = "/api/" + Route;
    public const string Text = "Hello, world";
    public const string ContentType = "text/plain; charset=utf-8";

    [Function("BenchHello")]
    public async Task<HttpResponseData> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequestData request)
    {
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", ContentType);
        await response.WriteStringAsync(Text);
        return response;
    }
}
