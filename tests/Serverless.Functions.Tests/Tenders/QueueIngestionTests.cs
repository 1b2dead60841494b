using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Support;
using Serverless.Host.Queues;
using Serverless.Tenders.Ports;

namespace Serverless.Functions.Tests.Tenders;

/// <summary>The <c>tenders-ingest</c> queue through the real host and the PostgreSQL queue.</summary>
public sealed class QueueIngestionTests : IAsyncLifetime
{
    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task EnqueueAsync(object message)
    {
        var response = await _host.Client.PostAsync("/admin/queues/tenders-ingest/messages", new StringContent(JsonSerializer.Serialize(message), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task WaitForRowAsync(string sha256)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await _host.ScalarAsync("select count(*) from tenders where sha256 = @s", ("s", sha256)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the queued notice was not ingested in time");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ObjectKeyMessage_IngestsTheFileFromTheBucket()
    {
        var bytes = Notices.Fresh("eforms/sdk-1.5.0_can_24_FRA_comments.xml");
        var key = $"incoming/{Guid.NewGuid()}.xml";
        await _host.Services.GetRequiredService<IObjectStore>().PutAsync(key, new MemoryStream(bytes), bytes.Length, "application/xml", default);

        await EnqueueAsync(new { objectKey = key });

        await WaitForRowAsync(Notices.Sha256(bytes));
        Assert.Equal(1, await _host.ScalarAsync("select count(*) from tender_documents where sha256 = @s and file_name = @f", ("s", Notices.Sha256(bytes)), ("f", Path.GetFileName(key))));
    }

    [Fact]
    public async Task UrlMessage_FetchesFromLoopbackSource_AndIngests()
    {
        var bytes = Notices.Fresh("ted-legacy/ted-404080-2018_F06_can_fr.xml");
        await using var source = await LoopbackSource.StartAsync(bytes);

        await EnqueueAsync(new { url = source.Url + "notices/404080.xml" });

        await WaitForRowAsync(Notices.Sha256(bytes));
    }

    [Fact]
    public async Task UnusableMessages_EndInPoisonQueue()
    {
        var store = _host.Services.GetRequiredService<IQueueStore>();
        var before = await store.CountAsync("tenders-ingest-poison", default);
        var missing = $"incoming/{Guid.NewGuid()}.xml";

        await EnqueueAsync(new { objectKey = missing });
        await EnqueueAsync(new { url = "http://169.254.169.254/latest/meta-data/" });
        await EnqueueAsync(new { nothing = true });
        await EnqueueAsync(new { objectKey = "../other-bucket/private.xml" });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await store.CountAsync("tenders-ingest-poison", default) < before + 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "bad messages did not reach the poison queue in time");
            await Task.Delay(100);
        }

        Assert.Equal(1, await _host.ScalarAsync(
            "select count(*) from queue_messages where queue = 'tenders-ingest-poison' and convert_from(body, 'UTF8') like @k", ("k", $"%{missing}%")));
    }

    /// <summary>A remote notice source on loopback (tests never reach the internet).</summary>
    private sealed class LoopbackSource : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LoopbackSource(WebApplication app, string url) => (_app, Url) = (app, url);

        public string Url { get; }

        public static async Task<LoopbackSource> StartAsync(byte[] notice)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapGet("/notices/{name}", () => Results.Bytes(notice, "application/xml"));
            await app.StartAsync();
            return new LoopbackSource(app, app.Urls.First().TrimEnd('/') + "/");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
