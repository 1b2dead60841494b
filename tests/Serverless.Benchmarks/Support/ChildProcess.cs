using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Serverless.Benchmarks.Support;

/// <summary>
/// This program started again in a serve mode, as a child process. Children are killed when disposed, when this
/// process exits, on Ctrl-C and on SIGTERM; a child also stops by itself when its standard input closes, so it
/// does not outlive a parent that was killed outright. Its output is kept (the last lines) to explain a failure.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 40;

    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static int _handlersInstalled;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process, long startedTimestamp)
    {
        _process = process;
        StartedTimestamp = startedTimestamp;
    }

    /// <summary>Kept alive for the life of the process: disposing it would unregister the handler.</summary>
    private static PosixSignalRegistration? SigtermRegistration { get; set; }

    public int Id => _process.Id;

    /// <summary>Stopwatch timestamp taken just before the process was started.</summary>
    public long StartedTimestamp { get; }

    public bool HasExited => _process.HasExited;

    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts <c>Serverless.Benchmarks MODE ARGS...</c> with extra environment variables (secrets go there, never on the command line).</summary>
    public static ChildProcess Start(string mode, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Run as "dotnet Serverless.Benchmarks.dll" when this process was started that way, else as the app host.
        var processPath = Environment.ProcessPath ?? "dotnet";
        List<string> all = [];
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            all.Add(typeof(ChildProcess).Assembly.Location);
        }

        all.Add(mode);
        all.AddRange(arguments);
        return StartProgram(processPath, all, environment);
    }

    /// <summary>
    /// Starts another program (the other side of a comparison) under the same guard. With <paramref name="onOutputLine"/>,
    /// its standard output goes there line by line (then null at its end) instead of into <see cref="RecentOutput"/>;
    /// its standard error is kept.
    /// </summary>
    public static ChildProcess StartProgram(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, Action<string?>? onOutputLine = null)
    {
        InstallHandlers();
        var start = new ProcessStartInfo
        {
            FileName = fileName,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var startedAt = Stopwatch.GetTimestamp();
        process.Start();
        Running[process.Id] = process;
        var child = new ChildProcess(process, startedAt);
        process.OutputDataReceived += (_, e) =>
        {
            if (onOutputLine is not null)
            {
                onOutputLine(e.Data);
            }
            else
            {
                child.Keep(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Writes one line to the child's standard input.</summary>
    public async Task SendLineAsync(string line, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the child to end by itself; returns its exit code, or throws with its last output after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The child process did not end within {timeout.TotalSeconds:0} s. Its last output:{Environment.NewLine}{RecentOutput}");
        }

        return _process.ExitCode;
    }

    /// <summary>Reads the child's resident set size (current, and peak since the last reset) from /proc.</summary>
    public ProcessMemory Memory => new(_process.Id);

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed with SIGKILL; if it still shows, it is a zombie the runtime reaps later.
        }

        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private static void InstallHandlers()
    {
        if (Interlocked.Exchange(ref _handlersInstalled, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
        SigtermRegistration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll());
    }

    private static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
