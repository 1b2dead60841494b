using Microsoft.Extensions.DependencyInjection;
using Serverless.Links.Reports;

namespace Serverless.Links.Tests.Reports;

public sealed class ReportWriterServiceCollectionExtensionsTests
{
    [Fact]
    public void AddReportWriters_CalledTwice_RegistersEachWriterOnceAsSingleton()
    {
        var services = new ServiceCollection();

        services.AddReportWriters().AddReportWriters();

        var writers = services.Where(d => d.ServiceType == typeof(IReportWriter)).ToList();
        Assert.Equal(
            [typeof(JsonReportWriter), typeof(CsvReportWriter), typeof(HtmlReportWriter)],
            writers.Select(d => d.ImplementationType));
        Assert.All(writers, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }
}
