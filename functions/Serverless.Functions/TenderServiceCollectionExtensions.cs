using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Tenders.Model;
using Serverless.Functions.Links;
using Serverless.Functions.Tenders;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Tenders.Ingestion;
using Serverless.Tenders.Parsing;
using Serverless.Tenders.Ports;
using Serverless.Storage.Postgres;
using Serverless.Storage.S3;
using Serverless.Web;

namespace Serverless.Functions;

/// <summary>Wires the tender capability: parser, ingestion service, URL fetching through the guarded client.</summary>
public static class TenderServiceCollectionExtensions
{
    /// <summary>Everything the function app needs: PostgreSQL (metadata, queue), S3 (originals, reports), tender ingestion, link reports.</summary>
    public static IServiceCollection AddTenderApp(this IServiceCollection services) =>
        services.AddPostgresStorage().AddS3ObjectStore().AddTenderIngestion().AddLinkReports()
            // Responses (WriteAsJsonAsync) and queue outputs in the same JSON form as the stored records.
            .Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(TenderJson.Options));

    public static IServiceCollection AddTenderIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section)
            .Validate(o => o.MaxDocumentBytes > 0, "Ingestion:MaxDocumentBytes must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NoticeParser>();
        services.AddSafeHttp();
        services.AddSingleton<IDocumentFetcher, GuardedDocumentFetcher>();
        services.AddScoped<TenderIngestion>();
        return services;
    }
}
