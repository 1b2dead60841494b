using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Minio;
using Serverless.Links.Ports;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.S3;

/// <summary>Registers the S3 object store.</summary>
public static class S3ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IObjectStore"/> (tender originals) and <see cref="IReportFiles"/> (link reports) on the S3-compatible server configured in section <c>S3</c>
    /// (validated at start-up), and a start-up step that creates the bucket when missing.
    /// </summary>
    public static IServiceCollection AddS3ObjectStore(this IServiceCollection services)
    {
        services.AddOptions<S3StorageOptions>()
            .BindConfiguration(S3StorageOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3StorageOptions>, S3StorageOptionsValidator>());

        services.AddHttpClient(S3ObjectStore.HttpClientName);
        services.TryAddSingleton(CreateMinioClient);
        services.TryAddSingleton<S3ObjectStore>();
        services.TryAddSingleton<IObjectStore>(sp => sp.GetRequiredService<S3ObjectStore>());
        services.TryAddSingleton<IReportFiles, S3ReportFiles>();
        services.AddHostedService<S3BucketInitializer>();
        return services;
    }

    private static IMinioClient CreateMinioClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<S3StorageOptions>>().Value;
        if (!S3Endpoint.TryParse(options.Endpoint ?? "", out var host, out var port, out var error))
        {
            throw new OptionsValidationException(S3StorageOptions.SectionName, typeof(S3StorageOptions), [$"S3:Endpoint: {error}"]);
        }

        // The region is always explicit: providers other than AWS reject a signature for another region.
        return new MinioClient()
            .WithEndpoint(host, port)
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithSSL(options.UseSsl)
            .WithRegion(options.Region)
            .Build();
    }
}
