using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Serverless.Links.Reports;

/// <summary>Registers the report writers.</summary>
public static class ReportWriterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the JSON, CSV and HTML writers as singleton <see cref="IReportWriter"/>s (stateless); resolve
    /// <c>IEnumerable&lt;IReportWriter&gt;</c> and pick by <see cref="IReportWriter.Format"/>. Calling it twice adds nothing.
    /// </summary>
    public static IServiceCollection AddReportWriters(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportWriter, JsonReportWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportWriter, CsvReportWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportWriter, HtmlReportWriter>());
        return services;
    }
}
