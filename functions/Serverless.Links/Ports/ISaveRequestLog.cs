namespace Serverless.Links.Ports;

/// <summary>Remembers when a save was last requested for a URL, so it is never requested twice within the window
/// across runs and instances. Implemented by the PostgreSQL adapter.</summary>
public interface ISaveRequestLog
{
    /// <summary>Atomically records a save request for <paramref name="url"/> at <paramref name="now"/> unless one was
    /// recorded after <c>now - window</c>; true when the caller may request the save.</summary>
    Task<bool> TryReserveAsync(string url, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);
}
