using System.Globalization;
using System.Text.Json;

namespace Serverless.Cli;

/// <summary>
/// <c>report FILE</c>: submits a document to a running host's link report function, follows the report's progress, and
/// prints its summary by status with where to download the files. The host extracts, checks and archives; this only
/// sends, polls and shows.
/// </summary>
internal sealed class ReportCommand(CliConsole console)
{
    public const string Name = "report";
    public const string KindOption = "--kind";
    public const string BaseOption = "--base";
    public const string TimeoutOption = "--timeout";

    /// <summary>Long enough for a large export checked politely; stop waiting then (the report goes on).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, HostConnection.UrlOption, HostConnection.KeyOption, KindOption, BaseOption, TimeoutOption);
        if (line.Help)
        {
            console.Out.Write(HelpTexts.Report);
            return ExitCodes.Success;
        }

        if (line.Arguments.Count != 1)
        {
            throw new UsageException("report needs exactly one FILE");
        }

        var path = line.Arguments[0];
        var timeout = Timeout(line.Option(TimeoutOption));
        var connection = HostConnection.From(line, console.GetEnvironment);
        using var client = new HostClient(connection);

        HostResponse submitted;
        try
        {
            submitted = await client.SendLinkDocumentAsync(path, line.Option(KindOption), line.Option(BaseOption), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {path}: {FileProblems.Describe(path, e)}");
            return ExitCodes.Failed;
        }
        catch (HttpRequestException e)
        {
            console.Error.WriteLine($"error: {HostClient.Describe(e)}");
            return ExitCodes.Failed;
        }

        if (submitted.StatusCode != 202 || submitted.Id() is not { } id)
        {
            console.Error.WriteLine($"error: {path}: {submitted.Describe()}");
            return submitted.StatusCode is >= 400 and < 500 ? ExitCodes.Rejected : ExitCodes.Failed;
        }

        console.Out.WriteLine($"report {id}");
        if (timeout == TimeSpan.Zero)
        {
            return ExitCodes.Success;
        }

        var deadline = DateTime.UtcNow + timeout;
        var lastProgress = "";
        while (true)
        {
            HostResponse status;
            try
            {
                status = await client.GetLinkReportAsync(id, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                console.Error.WriteLine($"error: {HostClient.Describe(e)}");
                return ExitCodes.Failed;
            }

            if (status.StatusCode != 200)
            {
                console.Error.WriteLine($"error: report {id}: {status.Describe()}");
                return ExitCodes.Failed;
            }

            using var document = JsonDocument.Parse(status.Body);
            var root = document.RootElement;
            var state = root.GetProperty("state").GetString();
            var progress = root.GetProperty("progress");
            var line2 = $"{state}: {progress.GetProperty("checked").GetInt32()} of {progress.GetProperty("urls").GetInt32()} URLs checked";
            if (line2 != lastProgress)
            {
                console.Error.WriteLine(line2);
                lastProgress = line2;
            }

            if (state == "failed")
            {
                console.Error.WriteLine($"error: report {id} failed: {root.GetProperty("error").GetString()}");
                return ExitCodes.Rejected;
            }

            if (state == "done")
            {
                WriteSummary(root);
                return ExitCodes.Success;
            }

            if (DateTime.UtcNow > deadline)
            {
                console.Error.WriteLine($"stopped waiting after {timeout.TotalMinutes:0} min; the report goes on: GET api/link-reports/{id}");
                return ExitCodes.Failed;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private void WriteSummary(JsonElement report)
    {
        var counts = report.GetProperty("counts");
        console.Out.WriteLine($"documents  {counts.GetProperty("documents").GetInt32()}");
        console.Out.WriteLine($"links      {counts.GetProperty("links").GetInt32()} ({counts.GetProperty("urls").GetInt32()} distinct URLs checked, {counts.GetProperty("notChecked").GetInt32()} not checked)");
        foreach (var status in counts.GetProperty("byStatus").EnumerateObject())
        {
            console.Out.WriteLine($"{status.Name,-12} {status.Value.GetInt32()}");
        }

        console.Out.WriteLine($"dead       {counts.GetProperty("dead").GetInt32()}");
        console.Out.WriteLine($"archived   {counts.GetProperty("archived").GetInt32()}");
        var links = report.GetProperty("links");
        foreach (var format in new[] { "json", "csv", "html" })
        {
            console.Out.WriteLine($"{format,-10} {links.GetProperty(format).GetString()}");
        }
    }

    private static TimeSpan Timeout(string? value)
    {
        if (value is null)
        {
            return DefaultTimeout;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 0 and <= 24 * 60
            ? TimeSpan.FromMinutes(minutes)
            : throw new UsageException($"{TimeoutOption} must be a whole number of minutes from 0 (do not wait) to 1440, not '{value}'");
    }
}
