using Serverless.Links.Checking;
using Serverless.Links.Tests.Support;

namespace Serverless.Links.Tests.Checking;

public sealed class HostPolitenessTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Report_429Repeatedly_DoublesTheIntervalFrom250MsUpTo10s()
    {
        var time = new JumpingTimeProvider();
        var hosts = new HostPoliteness(new LinkCheckerOptions { HostRequestInterval = TimeSpan.FromMilliseconds(50) }, time);
        var intervals = new List<TimeSpan>();

        for (var i = 0; i < 8; i++)
        {
            using var turn = await hosts.WaitTurnAsync("busy.test", None);
            var before = time.GetUtcNow();
            turn.Report(429, retryAfter: null);
            turn.Dispose();
            using var next = await hosts.WaitTurnAsync("busy.test", None);
            intervals.Add(time.GetUtcNow() - before);
        }

        // 50 ms doubled is below the 250 ms floor; then 500 ms, 1, 2, 4, 8 s, and 10 s is the ceiling.
        // Each pair of turns above reports one 429, so the interval doubles once per pair.
        Assert.Equal(
            [250, 500, 1000, 2000, 4000, 8000, 10000, 10000],
            intervals.Select(i => (int)i.TotalMilliseconds));
    }

    [Fact]
    public async Task Report_NormalAnswersAfterBackoff_HalveTheIntervalBackToTheConfiguredOne()
    {
        var time = new JumpingTimeProvider();
        var hosts = new HostPoliteness(new LinkCheckerOptions { HostRequestInterval = TimeSpan.FromMilliseconds(100) }, time);
        using (var turn = await hosts.WaitTurnAsync("h.test", None))
        {
            turn.Report(503, null); // 100 ms -> 250 ms floor
        }

        using (var turn = await hosts.WaitTurnAsync("h.test", None))
        {
            turn.Report(503, null); // -> 500 ms
        }

        var gaps = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var before = time.GetUtcNow();
            using var turn = await hosts.WaitTurnAsync("h.test", None);
            gaps.Add((int)(time.GetUtcNow() - before).TotalMilliseconds);
            turn.Report(200, null);
        }

        // The first wait is the 500 ms set by the second 503; each 200 halves what the next waits: 250, then 125,
        // then the configured 100 ms floor.
        Assert.Equal([500, 250, 125, 100], gaps);
    }

    [Fact]
    public async Task WaitTurnAsync_ShortRetryAfter_HoldsEveryRequestToTheHost()
    {
        var time = new JumpingTimeProvider();
        var hosts = new HostPoliteness(new LinkCheckerOptions { HostRequestInterval = TimeSpan.Zero, MaxRetryAfter = TimeSpan.FromSeconds(60) }, time);
        using (var turn = await hosts.WaitTurnAsync("h.test", None))
        {
            turn.Report(429, TimeSpan.FromSeconds(30));
        }

        using var next = await hosts.WaitTurnAsync("h.test", None);
        using var other = await hosts.WaitTurnAsync("other.test", None);

        Assert.Null(next.RefusedUntil);
        Assert.Equal(JumpingTimeProvider.Start.AddSeconds(30), time.GetUtcNow());
    }

    [Fact]
    public async Task WaitTurnAsync_LongRetryAfter_RefusesTheHostUntilThenWithoutWaiting()
    {
        var time = new JumpingTimeProvider();
        var hosts = new HostPoliteness(new LinkCheckerOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) }, time);
        using (var turn = await hosts.WaitTurnAsync("h.test", None))
        {
            turn.Report(429, TimeSpan.FromMinutes(10));
        }

        using var refused = await hosts.WaitTurnAsync("h.test", None);
        time.Advance(TimeSpan.FromMinutes(10));
        using var later = await hosts.WaitTurnAsync("h.test", None);

        Assert.Equal(JumpingTimeProvider.Start.AddMinutes(10), refused.RefusedUntil);
        Assert.Null(later.RefusedUntil);
    }

    [Fact]
    public async Task WaitTurnAsync_RetryAfterOfADay_RefusesForOneHourAtMost()
    {
        var time = new JumpingTimeProvider();
        var hosts = new HostPoliteness(new LinkCheckerOptions(), time);
        using (var turn = await hosts.WaitTurnAsync("h.test", None))
        {
            turn.Report(503, TimeSpan.FromDays(1));
        }

        using var refused = await hosts.WaitTurnAsync("h.test", None);

        Assert.Equal(JumpingTimeProvider.Start.AddHours(1), refused.RefusedUntil);
    }

    [Fact]
    public async Task WaitTurnAsync_ManyHostsThenIdle_ForgetsIdleHostsSoTheTableStaysBounded()
    {
        var time = new JumpingTimeProvider();
        var hosts = new HostPoliteness(new LinkCheckerOptions { HostRequestInterval = TimeSpan.Zero }, time);
        for (var i = 0; i < 1100; i++)
        {
            using var turn = await hosts.WaitTurnAsync($"host{i}.test", None);
            turn.Report(200, null);
        }

        var before = hosts.Count;
        time.Advance(TimeSpan.FromMinutes(3));
        using (var turn = await hosts.WaitTurnAsync("fresh.test", None))
        {
            turn.Report(200, null);
        }

        Assert.Equal(1100, before);
        Assert.Equal(1, hosts.Count);
    }

    [Fact]
    public async Task WaitTurnAsync_SweepWhileAHostIsRefused_KeepsThatHost()
    {
        var time = new JumpingTimeProvider();
        var hosts = new HostPoliteness(new LinkCheckerOptions { HostRequestInterval = TimeSpan.Zero }, time);
        using (var turn = await hosts.WaitTurnAsync("refusing.test", None))
        {
            turn.Report(429, TimeSpan.FromMinutes(30));
        }

        for (var i = 0; i < 1100; i++)
        {
            using var turn = await hosts.WaitTurnAsync($"host{i}.test", None);
        }

        time.Advance(TimeSpan.FromMinutes(3));
        using (await hosts.WaitTurnAsync("fresh.test", None))
        {
        }

        using var stillRefused = await hosts.WaitTurnAsync("refusing.test", None);
        Assert.Equal(2, hosts.Count);
        Assert.Equal(JumpingTimeProvider.Start.AddMinutes(30), stillRefused.RefusedUntil);
    }
}
