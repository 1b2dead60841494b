using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;
using Serverless.Host.Http;

namespace Serverless.Host.Tests.Http;

public sealed class RequestThrottleTests
{
    private static RequestThrottle Throttle(int maxConcurrent, int maxOutstanding = -1)
    {
        var options = new HostJsonOptions();
        options.Http.MaxConcurrentRequests = maxConcurrent;
        options.Http.MaxOutstandingRequests = maxOutstanding;
        return new RequestThrottle(Options.Create(options));
    }

    [Fact]
    public void WaitAsync_BelowLimit_AdmitsAtOnce()
    {
        var throttle = Throttle(maxConcurrent: 2);
        using var a = throttle.TryEnter()!;
        using var b = throttle.TryEnter()!;

        Assert.True(a.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(b.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(2, throttle.Executing);
    }

    [Fact]
    public async Task WaitAsync_AtLimit_AdmitsWaitersOneReleaseEachInArrivalOrder()
    {
        var throttle = Throttle(maxConcurrent: 1);
        var a = throttle.TryEnter()!;
        await a.WaitAsync(CancellationToken.None);
        var b = throttle.TryEnter()!;
        var c = throttle.TryEnter()!;
        var bAdmitted = b.WaitAsync(CancellationToken.None);
        var cAdmitted = c.WaitAsync(CancellationToken.None);
        Assert.False(bAdmitted.IsCompleted);
        Assert.False(cAdmitted.IsCompleted);

        a.Dispose();
        await bAdmitted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(cAdmitted.IsCompleted);
        Assert.Equal(1, throttle.Executing);

        b.Dispose();
        await cAdmitted.WaitAsync(TimeSpan.FromSeconds(5));
        c.Dispose();
        Assert.Equal(0, throttle.Executing);
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileWaiting_ThrowsAndTakesNoSlot()
    {
        var throttle = Throttle(maxConcurrent: 1);
        var a = throttle.TryEnter()!;
        await a.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var b = throttle.TryEnter()!;
        var bAdmitted = b.WaitAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bAdmitted);
        b.Dispose();
        a.Dispose();

        Assert.Equal(0, throttle.Executing);
        using var d = throttle.TryEnter()!;
        Assert.True(d.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void TryEnter_BeyondMaxOutstanding_RefusesUntilOneLeaves()
    {
        var throttle = Throttle(maxConcurrent: 1, maxOutstanding: 2);
        var a = throttle.TryEnter();
        using var b = throttle.TryEnter();

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Null(throttle.TryEnter());
        a!.Dispose();
        using var c = throttle.TryEnter();
        Assert.NotNull(c);
    }

    [Fact]
    public async Task WaitAsync_ManyConcurrentRequests_NeverMoreThanTheLimitExecute()
    {
        const int limit = 3;
        var throttle = Throttle(maxConcurrent: limit);
        var running = 0;
        var highest = 0;
        var completed = 0;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                using var lease = throttle.TryEnter()!;
                await lease.WaitAsync(CancellationToken.None);
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref highest, now);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref completed);
            }
        }));

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(8 * 500, completed);
        Assert.InRange(highest, 1, limit);
        Assert.Equal(0, throttle.Executing);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
