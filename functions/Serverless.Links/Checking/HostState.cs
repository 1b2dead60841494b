namespace Serverless.Links.Checking;

/// <summary>What <see cref="HostPoliteness"/> remembers of one host. Fields are guarded by the instance's lock, except
/// <see cref="Users"/>, guarded by the table's.</summary>
internal sealed class HostState(int concurrency, TimeSpan interval)
{
    /// <summary>Requests in flight to the host; waiting for it is waiting for a turn.</summary>
    public SemaphoreSlim Gate { get; } = new(concurrency, concurrency);

    /// <summary>The least time between two request starts; grows on 429/503 and shrinks back on normal answers.</summary>
    public TimeSpan Interval { get; set; } = interval;

    /// <summary>The start of the latest request let through (or about to be).</summary>
    public DateTimeOffset LastStart { get; set; } = DateTimeOffset.MinValue;

    /// <summary>The earliest start of the next request by the interval alone.</summary>
    public DateTimeOffset NextStart => LastStart == DateTimeOffset.MinValue ? LastStart : LastStart + Interval;

    /// <summary>Until when the host asked to wait (a Retry-After we wait for): no request starts before.</summary>
    public DateTimeOffset HeldUntil { get; set; }

    /// <summary>Until when the host asked not to be asked at all (a Retry-After longer than we wait).</summary>
    public DateTimeOffset RefusedUntil { get; set; }

    /// <summary>When the last turn ended.</summary>
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>Turns taken or awaited; a host in use is never evicted.</summary>
    public int Users { get; set; }
}
