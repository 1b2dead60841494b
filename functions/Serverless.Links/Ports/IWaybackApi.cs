namespace Serverless.Links.Ports;

/// <summary>
/// The Wayback Machine's web APIs, one request per call: the availability API, the CDX index, Save Page Now 2 and its
/// job and account status. Implemented by the HTTP adapter. Every expected failure (unreachable, timeout, rate limit,
/// refusal, unreadable answer) comes back as a value; only the caller's cancellation throws. Nothing here retries or
/// polls: that is <see cref="Archive.WaybackArchive"/>'s layer.
/// </summary>
public interface IWaybackApi
{
    /// <summary>Asks the availability API for the capture closest to now of exactly <paramref name="url"/>.</summary>
    Task<CaptureLookup> LookUpAvailabilityAsync(string url, CancellationToken cancellationToken);

    /// <summary>Asks the CDX index for the latest successful (HTTP 200) capture of exactly <paramref name="url"/>.</summary>
    Task<CaptureLookup> LookUpCdxAsync(string url, CancellationToken cancellationToken);

    /// <summary>Reads the Save Page Now account's capacity (<c>/save/status/user</c>) with the configured keys.</summary>
    Task<SaveCapacityReply> GetSaveCapacityAsync(CancellationToken cancellationToken);

    /// <summary>Asks Save Page Now to capture <paramref name="url"/> with the configured keys; a job id on acceptance.</summary>
    Task<SaveJobReply> RequestSaveAsync(string url, CancellationToken cancellationToken);

    /// <summary>Reads the state of a Save Page Now job.</summary>
    Task<SaveJobReply> GetSaveStatusAsync(string jobId, CancellationToken cancellationToken);
}
