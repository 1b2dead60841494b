using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Minio;
using Serverless.Storage.S3;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Tests;

/// <summary>
/// The Ceph RGW of infra/local/services.sh, wired as the application wires it (AddS3ObjectStore), its bucket
/// ensured once. Tests keep apart by unique object keys.
/// </summary>
public sealed class S3Fixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Fixture not initialised.");

    public IObjectStore Store => Services.GetRequiredService<IObjectStore>();

    public IMinioClient Minio => Services.GetRequiredService<IMinioClient>();

    public static string Bucket => LocalServices.Configuration["S3:Bucket"]!;

    public async Task InitializeAsync()
    {
        LocalServices.Require("S3:Endpoint", "S3:AccessKey", "S3:SecretKey", "S3:Bucket");
        _services = BuildServices(LocalServices.Configuration);
        try
        {
            await Services.GetRequiredService<S3ObjectStore>().EnsureBucketAsync(CancellationToken.None);
        }
        catch (ObjectStoreException e)
        {
            throw LocalServices.Unreachable("S3 (Ceph RGW)", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>The application's registrations over the test environment with some settings replaced.</summary>
    public static ServiceProvider BuildServices(IConfiguration configuration, IDictionary<string, string?>? overrides = null) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build())
            .AddLogging()
            .AddS3ObjectStore()
            .BuildServiceProvider();

    public static string NewKey(string name = "object.bin") => $"tests/{Guid.NewGuid():N}/{name}";
}

[CollectionDefinition(Name)]
public sealed class S3Collection : ICollectionFixture<S3Fixture>
{
    public const string Name = "S3";
}
