using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Minio.DataModel.Args;
using Serverless.Storage.S3;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Tests.S3;

[Collection(S3Collection.Name)]
public sealed class S3ServiceCollectionExtensionsTests(S3Fixture fixture)
{
    [Fact]
    public async Task AddS3ObjectStore_HostStartsWithMissingBucket_CreatesTheBucket()
    {
        var bucket = "test-" + Guid.NewGuid().ToString("N")[..20];
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(LocalServices.Configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["S3:Bucket"] = bucket });
        builder.Services.AddS3ObjectStore();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            Assert.IsType<S3ObjectStore>(host.Services.GetRequiredService<IObjectStore>());
            Assert.True(await fixture.Minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket)));
        }
        finally
        {
            await host.StopAsync();
            await fixture.Minio.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(bucket));
        }
    }

    [Fact]
    public async Task AddS3ObjectStore_NoSettings_FailsStartUpNamingEachVariable()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddS3ObjectStore();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("S3__Endpoint", e.Message);
        Assert.Contains("S3__SecretKey", e.Message);
    }
}
