using System.Text.RegularExpressions;
using Serverless.Functions.Tests.Links;
using Serverless.Functions.Tests.Support;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Cli;

/// <summary><c>serverless report</c> against the real host, its links checked on the simulated web.</summary>
public sealed class ReportCommandTests : IAsyncLifetime
{
    // The run.sh sample export: 2 items, 9 links (7 distinct outbound URLs, one internal link, one mailto).
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "infra", "local", "link-samples", "blog-export.xml");

    private static readonly string[] OutboundUrls =
    [
        "https://ted.europa.eu/en/",
        "https://www.boamp.fr/pages/recherche/",
        "https://www.data.gouv.fr/fr/datasets/donnees-essentielles-de-la-commande-publique/",
        "http://simap.europa.eu/index_fr.htm",
        "https://docs.ted.europa.eu/eforms/latest/",
        "https://standard.open-contracting.org/latest/en/",
        "http://www.opendefinition.org/licenses/odc-by",
    ];

    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Report_SampleExport_WaitsAndPrintsTheSummaryByStatus()
    {
        var run = await CliRun.RunAsync("report", Sample, "--url", _host.Address.ToString(), "--key", FunctionAppHost.MasterKey);

        Assert.Equal(0, run.ExitCode);
        var id = Regex.Match(run.Out, "^report ([0-9a-f-]{36})$", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Contains("documents  2", run.Out, StringComparison.Ordinal);
        Assert.Contains("links      9 (7 distinct URLs checked, 2 not checked)", run.Out, StringComparison.Ordinal);
        foreach (var group in OutboundUrls.GroupBy(u => ExpectedStatuses.Of(SimulatedInternet.FateOf(new Uri(u)))))
        {
            Assert.Matches(new Regex($"^{Regex.Escape(group.Key)} +{group.Count()}$", RegexOptions.Multiline), run.Out);
        }

        Assert.Contains($"html       /api/link-reports/{id}/report.html", run.Out, StringComparison.Ordinal);
        Assert.Contains("done: 7 of 7 URLs checked", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TimeoutZero_SubmitsWithoutWaiting()
    {
        var run = await CliRun.RunAsync("report", Sample, "--url", _host.Address.ToString(), "--key", FunctionAppHost.MasterKey, "--timeout", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("^report [0-9a-f-]{36}\r?\n$", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Report_TruncatedExport_RefusedWithTheHostsReasonAndExitTwo()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cut-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, """<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>""");
        try
        {
            var run = await CliRun.RunAsync("report", file, "--url", _host.Address.ToString(), "--key", FunctionAppHost.MasterKey);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("Unreadable document: The WordPress export is not readable XML", run.Error, StringComparison.Ordinal);
            Assert.Equal("", run.Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Report_MissingFileOrNoFile_FailsBeforeSending()
    {
        var missing = await CliRun.RunAsync("report", "/nonexistent/export.xml", "--url", _host.Address.ToString());
        var none = await CliRun.RunAsync("report", "--url", _host.Address.ToString());
        var badTimeout = await CliRun.RunAsync("report", Sample, "--timeout", "soon");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/nonexistent/export.xml", missing.Error, StringComparison.Ordinal);
        Assert.Equal(64, none.ExitCode);
        Assert.Equal(64, badTimeout.ExitCode);
        Assert.Contains("--timeout", badTimeout.Error, StringComparison.Ordinal);
    }
}
