using System.Diagnostics;
using System.Globalization;

namespace Serverless.Benchmarks.Functions;

/// <summary>
/// What the no-op queue function saw: how many invocations, and for a message that carries the Stopwatch timestamp of
/// its enqueue (<c>t:TICKS</c>), the moment it was invoked. A singleton shared by the in-process host and the benchmark.
/// </summary>
public sealed class QueueProbe
{
    private const string TimedPrefix = "t:";

    private long _invocations;
    private TaskCompletionSource<long> _timed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Invocations => Interlocked.Read(ref _invocations);

    public static string TimedMessage(long enqueueTimestamp) => TimedPrefix + enqueueTimestamp.ToString(CultureInfo.InvariantCulture);

    /// <summary>Arms the probe for the next timed message; the task gives the Stopwatch timestamp of its invocation.</summary>
    public Task<long> ExpectTimedMessage()
    {
        _timed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _timed.Task;
    }

    internal void Invoked(string message)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _invocations);
        if (message.StartsWith(TimedPrefix, StringComparison.Ordinal))
        {
            _timed.TrySetResult(now);
        }
    }
}
