using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Serverless.Functions.Tests.Links;

/// <summary>Submits documents for link reports through the API and waits for them, as a client would.</summary>
internal static class LinkReportClient
{
    public static async Task<HttpResponseMessage> SubmitFileAsync(HttpClient client, string path, string query = "")
    {
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PostAsync($"/api/link-reports?filename={Uri.EscapeDataString(Path.GetFileName(path))}{query}", content);
    }

    public static async Task<HttpResponseMessage> SubmitTextAsync(HttpClient client, string text, string query = "", string contentType = "text/plain")
    {
        using var content = new StringContent(text);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync("/api/link-reports" + query, content);
    }

    /// <summary>The report id from a 202 answer (its Location header must name it).</summary>
    public static async Task<Guid> AcceptedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/link-reports/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    /// <summary>Polls the report until it is done or failed; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var body = await client.GetStringAsync($"/api/link-reports/{id}");
            var report = JsonDocument.Parse(body).RootElement.Clone();
            if (report.GetProperty("state").GetString() is "done" or "failed")
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Report {id} not finished within {timeout}: {body}");
            await Task.Delay(200);
        }
    }
}
