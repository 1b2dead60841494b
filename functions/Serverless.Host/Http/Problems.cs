using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Host.Http;

/// <summary>Writes RFC 9457 problem details (<c>application/problem+json</c>), the only error body the host sends.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext http, int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = http.Request.Path };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        http.Response.Clear();
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, ContentType).ConfigureAwait(false);
    }
}
