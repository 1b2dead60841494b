using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;

namespace Serverless.Host.Http;

/// <summary>
/// <c>http.maxConcurrentRequests</c> / <c>http.maxOutstandingRequests</c>: at most N requests execute, at most M
/// execute or wait; beyond M the host answers 429 at once, as the Functions host does.
/// </summary>
internal sealed class RequestThrottle
{
    private readonly SemaphoreSlim? _executing;
    private readonly int _maxOutstanding;
    private int _outstanding;

    public RequestThrottle(IOptions<HostJsonOptions> options)
    {
        var http = options.Value.Http;
        _executing = http.MaxConcurrentRequests > 0 ? new SemaphoreSlim(http.MaxConcurrentRequests) : null;
        _maxOutstanding = http.MaxOutstandingRequests;
    }

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

    /// <summary>One admitted request.</summary>
    internal sealed class Lease(RequestThrottle owner) : IDisposable
    {
        private bool _holdsSlot;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            if (owner._executing is { } gate)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                _holdsSlot = true;
            }
        }

        public void Dispose()
        {
            if (_holdsSlot)
            {
                owner._executing!.Release();
            }

            Interlocked.Decrement(ref owner._outstanding);
        }
    }
}
