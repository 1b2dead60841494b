namespace Serverless.Links.Ports;

/// <summary>One capture in the Wayback Machine.</summary>
/// <param name="Timestamp">The capture's 14-digit timestamp (<c>yyyyMMddHHmmss</c>, UTC).</param>
/// <param name="OriginalUrl">The URL as the archive recorded it (after redirects, for a fresh save).</param>
/// <param name="PlaybackUrl">Where the capture is shown: <c>&lt;WebBaseUrl&gt;/web/&lt;timestamp&gt;/&lt;original&gt;</c>.</param>
public sealed record WaybackCapture(string Timestamp, string OriginalUrl, string PlaybackUrl);
