using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Support;
using Serverless.Tenders.Ingestion;
using Serverless.Tenders.Model;
using Serverless.Tenders.Ports;

namespace Serverless.Functions.Tests.Tenders;

/// <summary>
/// A dependency failing in the middle of an ingestion leaves no orphan (no row without its object, no object
/// without its row), and the same request succeeds when retried. The real adapters are wrapped by hand-written
/// decorators of our own ports that fail on demand.
/// </summary>
public sealed class IngestionFailureTests
{
    [Fact]
    public async Task MetadataWriteFails_AfterUpload_ObjectIsRemoved_AndRetrySucceeds()
    {
        var failing = new FailSwitch();
        await using var host = await FunctionAppHost.StartAsync(services => Decorate<ITenderStore>(services, inner => new FailingTenderStore(inner, failing)));
        var bytes = Notices.Fresh("eforms/sdk-1.13.0_can-modif_24_value.xml");
        var key = TenderIngestion.ObjectKeyFor(Notices.Sha256(bytes));
        var objects = host.Services.GetRequiredService<IObjectStore>();

        failing.On = true;
        var failed = await Post(host, bytes);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Null(await objects.StatAsync(key, default));
        Assert.Equal(0, await host.ScalarAsync("select count(*) from tenders where sha256 = @s", ("s", Notices.Sha256(bytes))));

        failing.On = false;
        var retried = await Post(host, bytes);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.NotNull(await objects.StatAsync(key, default));
    }

    [Fact]
    public async Task ObjectUploadFails_NoRowIsWritten_AndRetrySucceeds()
    {
        var failing = new FailSwitch();
        await using var host = await FunctionAppHost.StartAsync(services => Decorate<IObjectStore>(services, inner => new FailingObjectStore(inner, failing)));
        var bytes = Notices.Fresh("eforms/sdk-1.10.0_change-cn_24_open_dates.xml");

        failing.On = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await Post(host, bytes)).StatusCode);
        Assert.Equal(0, await host.ScalarAsync("select count(*) from tenders where sha256 = @s", ("s", Notices.Sha256(bytes))));

        failing.On = false;
        Assert.Equal(HttpStatusCode.Created, (await Post(host, bytes)).StatusCode);
    }

    private static async Task<HttpResponseMessage> Post(FunctionAppHost host, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return await host.Client.PostAsync("/api/tenders", content);
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.Add(new ServiceDescriptor(typeof(T), sp => wrap((T)(original.ImplementationFactory?.Invoke(sp)
            ?? original.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))), original.Lifetime));
    }

    private sealed class FailSwitch
    {
        public volatile bool On;
    }

    private sealed class FailingTenderStore(ITenderStore inner, FailSwitch failing) : ITenderStore
    {
        public Task<TenderRecord?> FindBySha256Async(string sha256, CancellationToken cancellationToken) => inner.FindBySha256Async(sha256, cancellationToken);

        public Task<(TenderRecord Record, bool Created)> InsertAsync(TenderRecord record, CancellationToken cancellationToken) =>
            failing.On ? throw new IOException("database connection lost (injected)") : inner.InsertAsync(record, cancellationToken);

        public Task<TenderRecord?> GetAsync(Guid id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<TenderPage> SearchAsync(TenderQuery query, CancellationToken cancellationToken) => inner.SearchAsync(query, cancellationToken);
    }

    private sealed class FailingObjectStore(IObjectStore inner, FailSwitch failing) : IObjectStore
    {
        public Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken cancellationToken) =>
            failing.On ? throw new IOException("S3 unreachable (injected)") : inner.PutAsync(key, content, size, contentType, cancellationToken);

        public Task<StoredObjectInfo?> StatAsync(string key, CancellationToken cancellationToken) => inner.StatAsync(key, cancellationToken);

        public Task<Stream?> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken) => inner.OpenReadAsync(key, range, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }
}
