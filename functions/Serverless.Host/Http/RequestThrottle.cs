using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;

namespace Serverless.Host.Http;

/// <summary>
/// <c>http.maxConcurrentRequests</c> / <c>http.maxOutstandingRequests</c>: at most N requests execute, at most M
/// execute or wait; beyond M the host answers 429 at once, as the Functions host does.
/// </summary>
/// <remarks>
/// Below the limit a request takes its slot with one compare-and-swap and no lock: a SemaphoreSlim (a lock taken twice
/// per request) was a seventh of a trivial request's time in the HTTP benchmark on a busy 2-core machine. At the limit,
/// requests wait in arrival order under a lock. A releaser and a new waiter each publish their change with a full fence
/// before reading the other's counter, so at least one of them sees the other and no wake-up is lost.
/// </remarks>
internal sealed class RequestThrottle
{
    private readonly int _maxConcurrent;
    private readonly int _maxOutstanding;
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _queue = new();
    private int _outstanding;
    private int _executing;
    private int _waiting;

    public RequestThrottle(IOptions<HostJsonOptions> options)
    {
        var http = options.Value.Http;
        _maxConcurrent = Math.Max(0, http.MaxConcurrentRequests);
        _maxOutstanding = http.MaxOutstandingRequests;
    }

    /// <summary>Requests holding an execution slot (for tests and diagnostics).</summary>
    internal int Executing => Volatile.Read(ref _executing);

    /// <summary>A lease to wait on and dispose, or null when the request must be refused.</summary>
    public Lease? TryEnter()
    {
        var outstanding = Interlocked.Increment(ref _outstanding);
        if (_maxOutstanding > 0 && outstanding > _maxOutstanding)
        {
            Interlocked.Decrement(ref _outstanding);
            return null;
        }

        return new Lease(this);
    }

    private bool TryTakeSlot()
    {
        var current = Volatile.Read(ref _executing);
        while (current < _maxConcurrent)
        {
            var seen = Interlocked.CompareExchange(ref _executing, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            Interlocked.Increment(ref _waiting);
            if (TryTakeSlot())
            {
                Interlocked.Decrement(ref _waiting);
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _queue.AddLast(waiter);
        }

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                // Still queued: leave without a slot. Already handed one (node removed): keep it, the lease releases it.
                if (node.List is not null)
                {
                    _queue.Remove(node);
                    Interlocked.Decrement(ref _waiting);
                    waiter.TrySetCanceled(cancellationToken);
                }
            }
        }).ConfigureAwait(false);
        await waiter.Task.ConfigureAwait(false);
    }

    private void ReleaseSlot()
    {
        Interlocked.Decrement(ref _executing);
        if (Volatile.Read(ref _waiting) == 0)
        {
            return;
        }

        lock (_gate)
        {
            while (_queue.First is { } first && TryTakeSlot())
            {
                _queue.RemoveFirst();
                Interlocked.Decrement(ref _waiting);
                first.Value.TrySetResult();
            }
        }
    }

    /// <summary>One admitted request.</summary>
    internal sealed class Lease(RequestThrottle owner) : IDisposable
    {
        private bool _holdsSlot;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            if (owner._maxConcurrent == 0)
            {
                return;
            }

            // Nobody waiting: take a free slot without the lock. Otherwise queue behind the waiters.
            if (Volatile.Read(ref owner._waiting) > 0 || !owner.TryTakeSlot())
            {
                await owner.WaitForSlotAsync(cancellationToken).ConfigureAwait(false);
            }

            _holdsSlot = true;
        }

        public void Dispose()
        {
            if (_holdsSlot)
            {
                _holdsSlot = false;
                owner.ReleaseSlot();
            }

            Interlocked.Decrement(ref owner._outstanding);
        }
    }
}
