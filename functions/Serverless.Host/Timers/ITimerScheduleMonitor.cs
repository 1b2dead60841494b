namespace Serverless.Host.Timers;

/// <summary>
/// Shared timer state, so that with several instances one fires per occurrence (<c>UseMonitor</c>) and a
/// missed occurrence is noticed after a restart. Optional: without one, each instance fires on its own.
/// </summary>
public interface ITimerScheduleMonitor
{
    /// <summary>The last occurrence that fired for this timer, or null if it never did.</summary>
    Task<DateTimeOffset?> GetLastAsync(string timer, CancellationToken cancellationToken);

    /// <summary>Claims <paramref name="occurrence"/>; false when another instance already fired it.</summary>
    Task<bool> TryClaimAsync(string timer, DateTimeOffset occurrence, CancellationToken cancellationToken);
}
