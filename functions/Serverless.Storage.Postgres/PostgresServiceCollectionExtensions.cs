using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Serverless.Host.Queues;
using Serverless.Host.Timers;
using Serverless.Links.Ports;
using Serverless.Storage.Postgres.Links;
using Serverless.Storage.Postgres.Timers;
using Serverless.Storage.Postgres.Migrations;
using Serverless.Storage.Postgres.Queues;
using Serverless.Storage.Postgres.Tenders;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Postgres;

/// <summary>Registers the PostgreSQL adapters.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="NpgsqlDataSource"/> on <c>ConnectionStrings:Postgres</c> (validated at start-up), the
    /// migrations (applied in the host's starting phase, before any hosted service starts), the tender store
    /// (<see cref="ITenderStore"/>), the link report and history stores (<see cref="ILinkReportStore"/>,
    /// <see cref="ILinkHistoryStore"/>, <see cref="ISaveRequestLog"/>), the queue store (<see cref="IQueueStore"/>) and the
    /// timer schedule monitor (<see cref="ITimerScheduleMonitor"/>), the last two replacing any registered before.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.AddOptions<PostgresOptions>()
            .BindConfiguration(PostgresOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(PostgresOptions.ConnectionName) ?? options.ConnectionString)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>());

        services.TryAddSingleton(CreateDataSource);
        services.TryAddSingleton<MigrationRunner>();
        services.AddHostedService<MigrationHostedService>();

        services.TryAddSingleton<PostgresTenderStore>();
        services.TryAddSingleton<ITenderStore>(sp => sp.GetRequiredService<PostgresTenderStore>());

        services.TryAddSingleton<ILinkReportStore, PostgresLinkReportStore>();
        services.TryAddSingleton<ILinkHistoryStore, PostgresLinkHistoryStore>();
        services.TryAddSingleton<ISaveRequestLog, PostgresSaveRequestLog>();
        services.Replace(ServiceDescriptor.Singleton<ITimerScheduleMonitor, PostgresTimerScheduleMonitor>());

        services.TryAddSingleton<PostgresQueueStore>();
        services.Replace(ServiceDescriptor.Singleton<IQueueStore>(sp => sp.GetRequiredService<PostgresQueueStore>()));
        return services;
    }

    private static NpgsqlDataSource CreateDataSource(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PostgresOptions>>().Value;
        // Npgsql logs neither the password nor, unless asked to, parameter values.
        return new NpgsqlDataSourceBuilder(options.ConnectionString)
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .Build();
    }
}
