using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Functions.Tests.Cli;

/// <summary>
/// <c>serverless ingest</c> against a loopback server that answers as the host does: 201 for a new
/// notice, 200 for one it already has, 4xx problem details for a file it refuses.
/// </summary>
public sealed class IngestCommandTests : IDisposable
{
    private const string Key = "test-function-key-5d41402a";
    private const string NewId = "0b8f2f3e-6c1a-4d7e-9f21-5a3c8e1d7b40";
    private const string ExistingId = "7e2d9c4b-1f3a-4b6e-8c5d-2a9f0e7b3c61";
    private const string NotANotice = "not a notice: root element <html> is not an eForms or TED notice";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("serverless-cli-ingest-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Ingest_NewDuplicateAndInvalidFile_CountsEachAndExitsTwo()
    {
        var notice = await File.ReadAllBytesAsync(CliFixtures.PathOf("contract-notice-lyon.xml"));
        var files = new Dictionary<string, byte[]>
        {
            ["new.xml"] = notice,
            ["again.xml"] = [.. notice, .. "\n"u8],
            ["page.xml"] = "<html><body>not a notice</body></html>"u8.ToArray(),
        };
        WriteFiles(files);
        await using var host = await LoopbackHost.StartAsync(request => request.FileName switch
        {
            "new.xml" => CannedResponse.Json(201, $$"""{"id":"{{NewId}}","format":"eforms"}"""),
            "again.xml" => CannedResponse.Json(200, $$"""{"id":"{{ExistingId}}","format":"eforms"}"""),
            _ => CannedResponse.Problem(422, "Not a supported notice", NotANotice),
        });

        var run = await CliRun.RunAsync("ingest", _folder.FullName, "--url", host.Url, "--key", Key);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(1, SummaryCount(run.Out, "Ingested"));
        Assert.Equal(1, SummaryCount(run.Out, "Duplicates"));
        Assert.Equal(1, SummaryCount(run.Out, "Rejected"));
        Assert.Equal(0, SummaryCount(run.Out, "Failed"));
        Assert.Equal(3, SummaryCount(run.Out, "Total"));
        Assert.Contains($"ingested   {Path.Combine(_folder.FullName, "new.xml")}  {NewId}", run.Out);
        Assert.Contains($"duplicate  {Path.Combine(_folder.FullName, "again.xml")}  {ExistingId}", run.Out);
        // The reason, in the line and in the table of files that need attention.
        Assert.Equal(2, Regex.Count(run.Out, Regex.Escape($"Not a supported notice: {NotANotice}")));

        Assert.Equal(3, host.Received.Count);
        Assert.All(host.Received, request =>
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/api/tenders", request.Path);
            Assert.Equal(Key, request.Key);
            Assert.Equal("application/xml", request.ContentType);
            Assert.Equal(files[request.FileName!], request.Body);
            // Sent with its length from the file, not chunked: the host can refuse an oversize file up front.
            Assert.Equal(files[request.FileName!].Length, request.ContentLength);
        });
    }

    [Fact]
    public async Task Ingest_ServerError_CountsAsFailedAndExitsOne()
    {
        WriteFiles(new() { ["ok.xml"] = "<a/>"u8.ToArray(), ["boom.xml"] = "<b/>"u8.ToArray(), ["bad.xml"] = "<c/>"u8.ToArray() });
        await using var host = await LoopbackHost.StartAsync(request => request.FileName switch
        {
            "ok.xml" => CannedResponse.Json(201, $$"""{"id":"{{NewId}}"}"""),
            "boom.xml" => CannedResponse.Problem(500, "Internal Server Error", "The function failed."),
            _ => CannedResponse.Problem(422, "Not a supported notice", NotANotice),
        });

        var run = await CliRun.RunAsync("ingest", _folder.FullName, "--url", host.Url, "--key", Key);

        // A failure outranks a rejection.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(1, SummaryCount(run.Out, "Ingested"));
        Assert.Equal(1, SummaryCount(run.Out, "Rejected"));
        Assert.Equal(1, SummaryCount(run.Out, "Failed"));
        Assert.Contains($"failed     {Path.Combine(_folder.FullName, "boom.xml")}  Internal Server Error: The function failed.", run.Out);
    }

    [Fact]
    public async Task Ingest_RefusedKey_CountsAsFailedNotRejected()
    {
        WriteFiles(new() { ["notice.xml"] = "<a/>"u8.ToArray() });
        await using var host = await LoopbackHost.StartAsync(_ => CannedResponse.Problem(401, "Unauthorized", "A function key is required."));

        var run = await CliRun.RunAsync("ingest", _folder.FullName, "--url", host.Url, "--key", "wrong-key");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, SummaryCount(run.Out, "Rejected"));
        Assert.Equal(1, SummaryCount(run.Out, "Failed"));
        Assert.Contains("--key", run.Out);
    }

    [Fact]
    public async Task Ingest_UnreachableHost_CountsAsFailedAndExitsOne()
    {
        WriteFiles(new() { ["notice.xml"] = "<a/>"u8.ToArray() });
        string url;
        await using (var host = await LoopbackHost.StartAsync(_ => CannedResponse.Json(201, "{}")))
        {
            url = host.Url;
        }

        var run = await CliRun.RunAsync("ingest", _folder.FullName, "--url", url, "--key", Key);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(1, SummaryCount(run.Out, "Failed"));
    }

    [Fact]
    public async Task Ingest_ExplicitFileOfAnyName_IsSentButFoldersOnlyGiveXml()
    {
        WriteFiles(new() { ["notice.xml"] = "<a/>"u8.ToArray(), ["readme.txt"] = "x"u8.ToArray(), ["sub/deeper.XML"] = "<b/>"u8.ToArray() });
        var explicitFile = Path.Combine(Directory.CreateTempSubdirectory("serverless-cli-single-").FullName, "notice.export");
        await File.WriteAllTextAsync(explicitFile, "<c/>");
        await using var host = await LoopbackHost.StartAsync(_ => CannedResponse.Json(201, $$"""{"id":"{{NewId}}"}"""));

        try
        {
            var run = await CliRun.RunAsync("ingest", _folder.FullName, explicitFile, "--url", host.Url, "--parallel", "1");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(["deeper.XML", "notice.export", "notice.xml"], host.Received.Select(r => r.FileName).Order(StringComparer.Ordinal));
            // No --key and no SERVERLESS_KEY: sent without the header, for anonymous functions.
            Assert.All(host.Received, request => Assert.Null(request.Key));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(explicitFile)!, recursive: true);
        }
    }

    [Fact]
    public async Task Ingest_WithoutOptions_TakesUrlAndKeyFromTheEnvironment()
    {
        WriteFiles(new() { ["notice.xml"] = "<a/>"u8.ToArray() });
        await using var host = await LoopbackHost.StartAsync(_ => CannedResponse.Json(201, $$"""{"id":"{{NewId}}"}"""));
        var environment = new Dictionary<string, string> { ["SERVERLESS_URL"] = host.Url, ["SERVERLESS_KEY"] = Key };

        var run = await CliRun.RunWithEnvironmentAsync(environment, "ingest", _folder.FullName);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Key, Assert.Single(host.Received).Key);
    }

    [Fact]
    public async Task Ingest_NeverPrintsTheKey()
    {
        WriteFiles(new() { ["notice.xml"] = "<a/>"u8.ToArray() });
        await using var host = await LoopbackHost.StartAsync(_ => CannedResponse.Problem(403, "Forbidden", "Wrong key."));

        var run = await CliRun.RunAsync("ingest", _folder.FullName, "--url", host.Url, "--key", Key);

        Assert.DoesNotContain(Key, run.Out);
        Assert.DoesNotContain(Key, run.Error);
    }

    [Fact]
    public async Task Ingest_MissingPath_IsAUsageErrorAndSendsNothing()
    {
        await using var host = await LoopbackHost.StartAsync(_ => CannedResponse.Json(201, "{}"));

        var run = await CliRun.RunAsync("ingest", Path.Combine(_folder.FullName, "nope"), "--url", host.Url);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("no such file or folder", run.Error);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task Help_DocumentsTheExitCodes()
    {
        var run = await CliRun.RunAsync("ingest", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0    every file was ingested or was a duplicate", run.Out);
        Assert.Contains("1    at least one file failed", run.Out);
        Assert.Contains("2    no file failed, but at least one was rejected", run.Out);
    }

    private void WriteFiles(Dictionary<string, byte[]> files)
    {
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(_folder.FullName, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>The number in the summary table's row for <paramref name="label"/>, whatever the border characters.</summary>
    private static int SummaryCount(string output, string label)
    {
        var row = Regex.Match(output, $@"^\W*{label}\W+(\d+)\W*$", RegexOptions.Multiline);
        Assert.True(row.Success, $"No summary row '{label}' in:\n{output}");
        return int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
