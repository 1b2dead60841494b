using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Links.History;
using Serverless.Links.Ports;
using Serverless.Links.Reports;
using Serverless.Web;
using Serverless.Web.Wayback;

namespace Serverless.Functions.Links;

/// <summary>Wires the link capability: extraction, the checker, the archive, reports and their stores.</summary>
public static class LinkServiceCollectionExtensions
{
    /// <summary>The link services; expects the PostgreSQL and S3 adapters (added by <c>AddTenderApp</c>).</summary>
    public static IServiceCollection AddLinkReports(this IServiceCollection services)
    {
        services.AddOptions<LinkReportOptions>().BindConfiguration(LinkReportOptions.SectionName)
            .Validate(o => o.MaxDocumentBytes > 0 && o.MaxPageBytes > 0 && o.ChunkSize > 0 && o.RecheckLimit > 0 && o.RecheckBatchSize > 0,
                "LinkReports: MaxDocumentBytes, MaxPageBytes, ChunkSize, RecheckLimit and RecheckBatchSize must be positive.")
            .ValidateOnStart();
        services.AddOptions<LinkHistoryOptions>().BindConfiguration(LinkHistoryOptions.SectionName)
            .Validate(o => o.DeadAfterFailures > 0 && o.MinFailureSpacing >= TimeSpan.Zero,
                "LinkHistory: DeadAfterFailures must be positive and MinFailureSpacing not negative.")
            .ValidateOnStart();
        services.AddSafeHttp();
        services.AddLinkChecking();
        services.AddWaybackArchive();
        services.AddReportWriters();
        services.AddSingleton<IPageFetcher, GuardedPageFetcher>();
        services.AddSingleton<LinkReportService>();
        services.AddSingleton<TenderLinkReports>();
        return services;
    }

    /// <summary>Defaults for settings that binding expressions need (<c>%LinkReports:RecheckSchedule%</c>), at the lowest
    /// precedence so any configuration source overrides them.</summary>
    public static IConfigurationBuilder AddLinkDefaults(this IConfigurationBuilder configuration)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [ScheduleLinkRechecks.ScheduleSetting] = ScheduleLinkRechecks.DefaultSchedule },
        });
        return configuration;
    }
}
