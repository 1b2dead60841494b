using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Support;
using Serverless.Links.Checking;

namespace Serverless.Functions.Tests.Links;

/// <summary>Link reports on hosts set up for one test each (failure injection, options): no other host runs meanwhile.</summary>
public sealed class LinkReportHostTests
{
    [Fact]
    public async Task Report_StoreFailsWhileRecordingAChunk_ResumesWithoutLosingOrRepeatingChecks()
    {
        var checks = new ConcurrentDictionary<string, int>();
        var failures = 0;
        await using var host = await FunctionAppHost.StartAsync(services =>
        {
            Decorate<ILinkChecker>(services, inner => new CountingChecker(inner, checks));
            Decorate<Serverless.Links.Ports.ILinkReportStore>(services, inner => new FailOnceStore(inner, () => Interlocked.Increment(ref failures) == 3));
        });
        var site = $"resume-{Guid.NewGuid():N}";
        var text = string.Join("\n", Enumerable.Range(0, 12).Select(i => $"https://{site}-{i}.example/page-{i}"));

        var id = await LinkReportClient.AcceptedIdAsync(await LinkReportClient.SubmitTextAsync(host.Client, text, "?kind=text"));
        var summary = await LinkReportClient.WaitAsync(host.Client, id, TimeSpan.FromMinutes(2));

        Assert.Equal("done", summary.GetProperty("state").GetString());
        Assert.Equal(12, summary.GetProperty("progress").GetProperty("checked").GetInt32());
        Assert.Equal(12, checks.Count);
        // The URL whose record failed is checked again on redelivery; no other URL is.
        Assert.Equal(1, checks.Values.Count(c => c == 2));
        Assert.Equal(11, checks.Values.Count(c => c == 1));
    }

    [Fact]
    public async Task TenderIngestion_WithReportTenderLinks_RequestsAReportOfItsLinks()
    {
        await using var host = await FunctionAppHost.StartAsync(settings: ["--LinkReports:ReportTenderLinks=true"]);
        var sample = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "infra", "local", "samples", "eforms-cn16-fra-voirie-2-lots.xml");
        var bytes = Encoding.UTF8.GetBytes(File.ReadAllText(sample) + $"<!-- {Guid.NewGuid()} -->");

        using var ingested = await host.Client.PostAsync("/api/tenders?filename=voirie.xml", new ByteArrayContent(bytes));
        var tenderId = JsonDocument.Parse(await ingested.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var reportId = await WaitForTenderReportAsync(host, tenderId);
        var summary = await LinkReportClient.WaitAsync(host.Client, reportId, TimeSpan.FromMinutes(1));
        var links = await LinksOfAsync(host, reportId);
        var requested = await LinkReportClient.AcceptedIdAsync(await host.Client.PostAsync("/api/link-reports", Json(new { tenderId })));

        Assert.Equal(HttpStatusCode.Created, ingested.StatusCode);
        Assert.Equal("tender", summary.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal("Travaux d'entretien de la voirie intercommunale 2027", summary.GetProperty("source").GetProperty("name").GetString());
        // The notice's three links, as written in it: BT-15 documents, BT-18 submission, the buyer's website.
        Assert.Equal(["https://marches.example.org/consultations/2026-VOI-014/dce", "https://depot.example.org/offres/2026-VOI-014", "https://www.cc-val-de-lorenne.example.org/"],
            links.Select(l => l.GetProperty("url").GetString()));
        Assert.Equal(["tender:documents", "tender:submission", "tender:buyer"], links.Select(l => l.GetProperty("element").GetString()));
        Assert.NotEqual(reportId, requested);
    }

    private static async Task<Guid> WaitForTenderReportAsync(FunctionAppHost host, Guid tenderId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(RealServices.Postgres);
        await connection.OpenAsync();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM link_reports WHERE tender_id = @id", connection);
            command.Parameters.AddWithValue("id", tenderId);
            if (await command.ExecuteScalarAsync() is Guid id)
            {
                return id;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No link report was requested for tender {tenderId}.");
    }

    private static async Task<List<JsonElement>> LinksOfAsync(FunctionAppHost host, Guid id)
    {
        var json = await host.Client.GetStringAsync($"/api/link-reports/{id}/report.json");
        return JsonDocument.Parse(json).RootElement.GetProperty("documents").EnumerateArray()
            .SelectMany(d => d.GetProperty("links").EnumerateArray()).Select(l => l.Clone()).ToList();
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(descriptor);
        services.AddSingleton(sp => wrap((T)(descriptor.ImplementationFactory?.Invoke(sp)
            ?? (descriptor.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!)))));
    }
}
