using System.Net;
using Microsoft.Azure.Functions.Worker.Http;

namespace Serverless.Functions.Http;

/// <summary>RFC 9457 problem responses (<c>application/problem+json</c>) for the functions' own 4xx answers.</summary>
internal static class Problem
{
    public static async Task<HttpResponseData> CreateProblemAsync(
        this HttpRequestData request, HttpStatusCode status, string title, string? detail = null, IReadOnlyList<string>? problems = null)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/problem+json; charset=utf-8");
        var body = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = (int)status,
            ["detail"] = detail ?? (problems is { Count: > 0 } ? string.Join(" ", problems) : null),
            ["instance"] = request.Url.AbsolutePath,
        };
        if (problems is { Count: > 0 })
        {
            body["problems"] = problems;
        }

        await response.WriteStringAsync(System.Text.Json.JsonSerializer.Serialize(body));
        return response;
    }
}
