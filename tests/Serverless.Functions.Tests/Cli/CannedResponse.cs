using System.Text.Json;

namespace Serverless.Functions.Tests.Cli;

/// <summary>What <see cref="LoopbackHost"/> answers to one request.</summary>
internal sealed record CannedResponse(int Status, string ContentType, string Body)
{
    public static CannedResponse Json(int status, string body) => new(status, "application/json; charset=utf-8", body);

    /// <summary>RFC 9457 problem details, as the functions write them (Content-Type with a charset).</summary>
    public static CannedResponse Problem(int status, string title, string detail) => new(
        status,
        "application/problem+json; charset=utf-8",
        JsonSerializer.Serialize(new { type = "https://tools.ietf.org/html/rfc9110", title, status, detail }));
}
