using System.Text;
using Serverless.Links.Reports;

namespace Serverless.Links.Tests.Reports;

/// <summary>The heap is measured with forced collections, so nothing else may allocate meanwhile.</summary>
[CollectionDefinition(nameof(ReportWriterMemoryTests), DisableParallelization = true)]
public sealed class ReportWriterMemoryCollection;

[Collection(nameof(ReportWriterMemoryTests))]
public sealed class ReportWriterMemoryTests
{
    private const int Documents = 1_000;
    private const int LinksPerDocument = 100;

    // Generous: the writers hold tens of kilobytes; keeping the links (~60 MB) or the output (~40 MB) would not fit.
    private const long MaxGrowthBytes = 8 * 1024 * 1024;

    [Theory]
    [InlineData("json", 1, "]}")]
    [InlineData("csv", 1, "\r\n")]
    [InlineData("html", 2, "</html>\n")]
    public async Task WriteAsync_HundredThousandLinks_KeepsMemoryFlatAndWritesEveryLink(string format, int urlsPerLink, string ending)
    {
        IReportWriter writer = format switch
        {
            "json" => new JsonReportWriter(),
            "csv" => new CsvReportWriter(),
            _ => new HtmlReportWriter(),
        };
        var report = new LargeReport(Documents, LinksPerDocument);
        var output = new CountingNullStream(LargeReport.Marker);

        report.TakeBaseline();
        await writer.WriteAsync(report.Summary, report.Documents(), output, CancellationToken.None);

        Assert.Equal(100_000, report.Links);
        Assert.Equal(10, report.ProbesTaken);
        Assert.Equal((long)urlsPerLink * report.Links, output.Markers);
        Assert.EndsWith(ending, Encoding.UTF8.GetString(output.Tail));
        // The output is large enough that holding it, or the links, would break the bound.
        Assert.True(output.BytesWritten > 3 * MaxGrowthBytes, $"only {output.BytesWritten} bytes written");
        Assert.True(report.PeakGrowth < MaxGrowthBytes, $"heap grew by {report.PeakGrowth} bytes while writing");
    }

    [Fact]
    public async Task WriteAsync_CsvOfHundredThousandLinks_HasOneRecordPerLinkPlusHeader()
    {
        var report = new LargeReport(Documents, LinksPerDocument);
        var output = new CountingNullStream((byte)'\n');

        await new CsvReportWriter().WriteAsync(report.Summary, report.Documents(), output, CancellationToken.None);

        // No field of the generated report contains a line break, so every LF ends a record.
        Assert.Equal(100_001, output.Markers);
    }
}
