namespace Serverless.Links.Checking;

/// <summary>
/// Per-host politeness for the whole process: at most <see cref="LinkCheckerOptions.HostConcurrency"/> requests in
/// flight to one host, starts spaced by its interval, an interval that adapts to 429/503 answers, and Retry-After
/// honoured for every request to the host, not just the one that got it. Hosts idle for a while are forgotten, so a
/// run over 100,000 links to as many hosts does not keep 100,000 entries.
/// </summary>
internal sealed class HostPoliteness
{
    /// <summary>The table is swept for idle hosts once it holds this many (and then once it doubles).</summary>
    internal const int SweepThreshold = 1024;

    /// <summary>A host unused this long, with no wait pending, is forgotten.</summary>
    internal static readonly TimeSpan IdleTime = TimeSpan.FromMinutes(2);

    /// <summary>The interval of a host that answered 429/503 starts at least here...</summary>
    internal static readonly TimeSpan FirstBackoffInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>...and grows no further than this.</summary>
    internal static readonly TimeSpan MaxBackoffInterval = TimeSpan.FromSeconds(10);

    /// <summary>A host's "do not ask before" is believed for an hour at most: one odd header must not silence a host
    /// for the life of the process.</summary>
    internal static readonly TimeSpan MaxRefusal = TimeSpan.FromHours(1);

    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkCheckerOptions _options;
    private readonly TimeProvider _time;
    private int _sweepAt = SweepThreshold;
    private DateTimeOffset _lastSweep;

    public HostPoliteness(LinkCheckerOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _lastSweep = time.GetUtcNow();
    }

    /// <summary>Hosts currently remembered.</summary>
    public int Count
    {
        get
        {
            lock (_hosts)
            {
                return _hosts.Count;
            }
        }
    }

    /// <summary>Waits until a request to <paramref name="host"/> may start: a free slot, and the interval since the
    /// previous start. Returns at once with a refused turn while the host asked not to be asked.</summary>
    public async Task<HostTurn> WaitTurnAsync(string host, CancellationToken cancellationToken)
    {
        var state = Enter(host);
        var holdsGate = false;
        try
        {
            if (Refusal(state) is { } early)
            {
                return new HostTurn(this, state, holdsGate: false, early);
            }

            await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            holdsGate = true;

            DateTimeOffset now, start;
            lock (state)
            {
                // The interval counts from the latest reserved start and is read now, so a change made by an answer
                // in the meantime (back-off, or recovery) applies to the very next request.
                now = _time.GetUtcNow();
                start = Latest(now, state.NextStart, state.HeldUntil);
                state.LastStart = start;
            }

            // A Retry-After that arrives while this request waits for its slot holds it back too.
            for (var wait = start - now; wait > TimeSpan.Zero; wait = HeldFor(state))
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            // Timers fire late under load: count the interval from when this request really goes, not from when it
            // was meant to, so the next one cannot come closer than the interval.
            lock (state)
            {
                var granted = _time.GetUtcNow();
                state.LastStart = granted > state.LastStart ? granted : state.LastStart;
            }

            // Another request may have been told to stay away while this one waited.
            return new HostTurn(this, state, holdsGate, Refusal(state));
        }
        catch
        {
            Leave(state, holdsGate);
            throw;
        }
    }

    internal void Report(HostState state, int statusCode, TimeSpan? retryAfter)
    {
        var now = _time.GetUtcNow();
        lock (state)
        {
            if (statusCode is 429 or 503)
            {
                var doubled = state.Interval * 2;
                state.Interval = doubled < FirstBackoffInterval ? FirstBackoffInterval : doubled > MaxBackoffInterval ? MaxBackoffInterval : doubled;
            }
            else if (statusCode != 0 && state.Interval > _options.HostRequestInterval)
            {
                var halved = state.Interval / 2;
                state.Interval = halved < _options.HostRequestInterval ? _options.HostRequestInterval : halved;
            }

            if (retryAfter is { } wait && wait > TimeSpan.Zero)
            {
                if (wait <= _options.MaxRetryAfter)
                {
                    var until = now + wait;
                    state.HeldUntil = until > state.HeldUntil ? until : state.HeldUntil;
                }
                else
                {
                    var until = now + (wait < MaxRefusal ? wait : MaxRefusal);
                    state.RefusedUntil = until > state.RefusedUntil ? until : state.RefusedUntil;
                }
            }
        }
    }

    internal void Leave(HostState state, bool holdsGate)
    {
        if (holdsGate)
        {
            state.Gate.Release();
        }

        lock (_hosts)
        {
            state.Users--;
            state.LastUsed = _time.GetUtcNow();
        }
    }

    private HostState Enter(string host)
    {
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(host, out var state))
            {
                // Sweep when the table has doubled since the last sweep, or, once it is large, when the hosts seen at
                // the last sweep have had time to go idle: linear work at most once per doubling or per IdleTime.
                if (_hosts.Count >= _sweepAt || (_hosts.Count >= SweepThreshold && _time.GetUtcNow() - _lastSweep >= IdleTime))
                {
                    Sweep();
                }

                state = new HostState(_options.HostConcurrency, _options.HostRequestInterval);
                _hosts.Add(host, state);
            }

            state.Users++;
            return state;
        }
    }

    /// <summary>Forgets hosts that are unused, idle long enough and owe no wait. Called under the table's lock.</summary>
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        List<string>? idle = null;
        foreach (var (host, state) in _hosts)
        {
            bool forgettable;
            lock (state)
            {
                forgettable = state.Users == 0 && now - state.LastUsed >= IdleTime && now >= state.NextStart && now >= state.HeldUntil && now >= state.RefusedUntil;
            }

            if (forgettable)
            {
                (idle ??= []).Add(host);
            }
        }

        foreach (var host in idle ?? [])
        {
            _hosts.Remove(host);
        }

        _sweepAt = Math.Max(SweepThreshold, _hosts.Count * 2);
        _lastSweep = now;
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) =>
        a > b ? (a > c ? a : c) : (b > c ? b : c);

    private TimeSpan HeldFor(HostState state)
    {
        lock (state)
        {
            return state.HeldUntil - _time.GetUtcNow();
        }
    }

    private DateTimeOffset? Refusal(HostState state)
    {
        lock (state)
        {
            return state.RefusedUntil > _time.GetUtcNow() ? state.RefusedUntil : null;
        }
    }
}
