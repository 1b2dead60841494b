namespace Serverless.Links.Checking;

/// <summary>
/// The right to send one request to a host, from <see cref="HostPoliteness.WaitTurnAsync"/>; dispose it when the answer
/// is in. A refused turn (<see cref="RefusedUntil"/> set) holds nothing and must not be used for a request.
/// </summary>
internal sealed class HostTurn : IDisposable
{
    private readonly HostPoliteness _owner;
    private readonly HostState _state;
    private readonly bool _holdsGate;
    private bool _disposed;

    internal HostTurn(HostPoliteness owner, HostState state, bool holdsGate, DateTimeOffset? refusedUntil)
    {
        _owner = owner;
        _state = state;
        _holdsGate = holdsGate;
        RefusedUntil = refusedUntil;
    }

    /// <summary>Set when the host asked not to be asked before this time: no request may be sent.</summary>
    public DateTimeOffset? RefusedUntil { get; }

    /// <summary>Tells the host's politeness what the request got, so a host that asks for air gets it.</summary>
    /// <param name="statusCode">The HTTP status, or 0 when there was no answer.</param>
    /// <param name="retryAfter">The wait the answer's Retry-After asked for, if any.</param>
    public void Report(int statusCode, TimeSpan? retryAfter) => _owner.Report(_state, statusCode, retryAfter);

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _owner.Leave(_state, _holdsGate);
        }
    }
}
