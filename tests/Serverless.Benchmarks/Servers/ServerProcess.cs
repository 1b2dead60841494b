using System.Diagnostics;
using System.Net;
using Serverless.Benchmarks.Support;

namespace Serverless.Benchmarks.Servers;

/// <summary>A server of <see cref="ServeModes"/> running as a child process on a free loopback port.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(2);

    private readonly HttpClient _poll;

    private ServerProcess(ChildProcess process, Uri address)
    {
        Process = process;
        Address = address;
        _poll = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ChildProcess Process { get; }

    public Uri Address { get; }

    /// <summary>
    /// Starts a server. Both sides get the same settings: Production, and log level Warning, because a log line per
    /// request would measure the console rather than the server (the bare app logs two per request at Information).
    /// </summary>
    public static ServerProcess Start(string mode, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        string[] all = [$"--urls={address.ToString().TrimEnd('/')}", "--environment=Production", "--Logging:LogLevel:Default=Warning", .. arguments];
        return new ServerProcess(ChildProcess.Start(mode, all, environment), address);
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200; returns the time from process start to that answer.</summary>
    public async Task<TimeSpan> WaitForOkAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var response = await _poll.GetAsync(path, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(Process.StartedTimestamp);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException(
                    $"{path} on the {(Process.HasExited ? "exited" : "unresponsive")} server did not answer 200 within {timeout.TotalSeconds:0} s. Its last output:{Environment.NewLine}{Process.RecentOutput}");
            }

            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _poll.Dispose();
        await Process.DisposeAsync().ConfigureAwait(false);
    }
}
