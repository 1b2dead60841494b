using System.Net;
using System.Text.Json;

namespace Serverless.Cli;

/// <summary>
/// A host answer, read whole: bodies here are a tender record or a problem, a few kilobytes, and
/// holding them as text lets the outcome be decided without the connection.
/// </summary>
internal sealed record HostResponse(HttpStatusCode Status, string? ReasonPhrase, string? MediaType, string Body)
{
    public const string ProblemMediaType = "application/problem+json";

    public int StatusCode => (int)Status;

    public static async Task<HostResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new HostResponse(response.StatusCode, response.ReasonPhrase, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>The <c>id</c> of a JSON body (a tender record, an enqueued message), or null.</summary>
    public string? Id()
    {
        var root = TryParse();
        return root is { ValueKind: JsonValueKind.Object } && root.Value.TryGetProperty("id", out var id)
            ? id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText()
            : null;
    }

    /// <summary>
    /// What went wrong, for a person: the problem's <c>title: detail</c> when the host sent problem
    /// details (RFC 9457), else the status line, so a proxy's HTML error page is not dumped whole.
    /// </summary>
    public string Describe()
    {
        var statusLine = $"HTTP {StatusCode} {ReasonPhrase}".TrimEnd();
        if (TryParse() is not { ValueKind: JsonValueKind.Object } problem)
        {
            return statusLine;
        }

        var title = Text(problem, "title");
        var detail = Text(problem, "detail");
        return (title, detail) switch
        {
            (null, null) => statusLine,
            (not null, null) => title,
            (null, not null) => detail,
            _ => $"{title}: {detail}",
        };
    }

    private JsonElement? TryParse()
    {
        // Only JSON bodies are read: problem+json from the host, application/json for records.
        if (MediaType is null || !MediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase) || Body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
