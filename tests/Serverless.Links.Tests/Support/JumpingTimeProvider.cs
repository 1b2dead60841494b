namespace Serverless.Links.Tests.Support;

/// <summary>
/// A virtual clock whose timers fire at once (on the thread pool), moving the clock forward to their due time. Waits
/// take no real time and their lengths show in the clock. Exact when at most one timer is pending at a time, which is
/// how the tests that read times are arranged (one host, one request in flight).
/// </summary>
internal sealed class JumpingTimeProvider : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private DateTimeOffset _now = Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new JumpingTimer(this, callback, state, dueTime);

    private void MoveTo(DateTimeOffset due)
    {
        lock (_gate)
        {
            if (due > _now)
            {
                _now = due;
            }
        }
    }

    private sealed class JumpingTimer : ITimer
    {
        private readonly JumpingTimeProvider _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly object _gate = new();
        private int _generation;
        private bool _disposed;

        public JumpingTimer(JumpingTimeProvider clock, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            int generation;
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                generation = ++_generation;
            }

            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            var due = _clock.GetUtcNow() + dueTime;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                lock (_gate)
                {
                    if (_disposed || generation != _generation)
                    {
                        return;
                    }
                }

                _clock.MoveTo(due);
                _callback(_state);
            });
            return true;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
