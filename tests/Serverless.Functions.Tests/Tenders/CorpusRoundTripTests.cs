using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Functions.Tests.Support;
using Serverless.Tenders.Parsing;

namespace Serverless.Functions.Tests.Tenders;

/// <summary>
/// Every eForms and legacy TED notice of the corpus goes through the whole path (HTTP, spool, S3, PostgreSQL, read
/// back) without losing or changing a field: the stored record equals what the parser reads from the file (whose
/// values are checked by hand against each document in Serverless.Tenders.Tests), and the original comes back byte for byte.
/// </summary>
public sealed class CorpusRoundTripTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> CorpusNotices()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "eforms", "ted-legacy" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RealServices.Corpus, "tenders", folder), "*.xml").Order())
            {
                data.Add($"{folder}/{Path.GetFileName(file)}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusNotices))]
    public async Task Ingest_CorpusNotice_StoresTheParsedRecordAndTheExactBytes(string notice)
    {
        var bytes = Notices.Fresh(notice);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var response = await _host.Client.PostAsync("/api/tenders", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var stored = JsonNode.Parse(await _host.Client.GetStringAsync($"/api/tenders/{id}"))!.AsObject();
        using var file = File.OpenRead(Notices.CorpusFile(notice));
        var parsed = JsonSerializer.SerializeToNode(new NoticeParser().Parse(file).Record, Web)!.AsObject();
        foreach (var assigned in new[] { "id", "documents", "ingestedAt" })
        {
            stored.Remove(assigned);
            parsed.Remove(assigned);
        }

        Assert.Equal(parsed.ToJsonString(), stored.ToJsonString());
        Assert.Equal(bytes, await _host.Client.GetByteArrayAsync($"/api/tenders/{id}/original"));
    }
}
