namespace Serverless.Links.Archive;

/// <summary>
/// Tells links that already point into the archive (playback URLs) from links to look up, so the archive step never
/// looks up or re-archives its own answers.
/// </summary>
internal sealed class ArchiveLinkMatcher
{
    private readonly List<(string Host, string? PathPrefix)> _entries = [];
    private readonly List<(string Host, int Port, string PathPrefix)> _playbackBases = [];

    public ArchiveLinkMatcher(WaybackOptions options)
    {
        foreach (var entry in options.ArchiveHosts)
        {
            if (ParseEntry(entry) is { } parsed)
            {
                _entries.Add(parsed);
            }
        }

        // Host and port both count here: in tests the simulator and the pages it archives share 127.0.0.1.
        foreach (var baseUrl in new[] { options.WebBaseUrl, options.AvailabilityBaseUrl })
        {
            if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
            {
                _playbackBases.Add((uri.Host, uri.Port, uri.AbsolutePath.TrimEnd('/') + "/web/"));
            }
        }
    }

    /// <summary>Parses an <see cref="WaybackOptions.ArchiveHosts"/> entry: a host name and an optional path prefix.</summary>
    /// <returns>The lower-case host and the prefix (null for the whole host and its subdomains); null when malformed.</returns>
    internal static (string Host, string? PathPrefix)? ParseEntry(string? entry)
    {
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var host = (slash < 0 ? text : text[..slash]).ToLowerInvariant();
        var path = slash < 0 ? null : text[slash..];
        return Uri.CheckHostName(host) == UriHostNameType.Dns ? (host, path) : null;
    }

    public bool IsArchiveLink(Uri url)
    {
        var host = url.Host;
        var path = url.AbsolutePath;
        foreach (var (baseHost, port, prefix) in _playbackBases)
        {
            if (string.Equals(host, baseHost, StringComparison.OrdinalIgnoreCase) && url.Port == port
                && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var (entryHost, prefix) in _entries)
        {
            if (prefix is null)
            {
                if (string.Equals(host, entryHost, StringComparison.OrdinalIgnoreCase)
                    || host.EndsWith("." + entryHost, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (string.Equals(host, entryHost, StringComparison.OrdinalIgnoreCase)
                && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
