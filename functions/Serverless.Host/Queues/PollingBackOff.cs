namespace Serverless.Host.Queues;

/// <summary>
/// Randomised exponential back-off between polls of an idle queue, from 100 ms up to maxPollingInterval,
/// reset by a hit, as the Functions queue listener does. A notification still wakes the listener at once.
/// </summary>
internal sealed class PollingBackOff(TimeSpan max)
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(100);
    private TimeSpan _current = TimeSpan.Zero;

    public TimeSpan Next()
    {
        var doubled = _current == TimeSpan.Zero ? Min : _current * 2;
        _current = doubled > max ? max : doubled;
        // +/- 20 % jitter so instances do not poll in step.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        var next = _current * jitter;
        return next > max ? max : next;
    }

    public void Reset() => _current = TimeSpan.Zero;
}
