namespace Serverless.Links.Archive;

/// <summary>The archive step's answer for one URL.</summary>
/// <param name="Url">The URL looked up, exactly as given.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="ArchiveUrl">The capture's playback URL (e.g. <c>https://web.archive.org/web/20140101000000/http://...</c>), when there is one.</param>
/// <param name="Timestamp">The capture's 14-digit timestamp, when there is one.</param>
/// <param name="Detail">A short reason for the user (quota message, error status...).</param>
public sealed record ArchiveResult(string Url, ArchiveOutcome Outcome, string? ArchiveUrl = null, string? Timestamp = null, string? Detail = null);
