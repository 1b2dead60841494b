using System.Security.Cryptography;
using System.Text;
using Serverless.Testing.Wayback;
using Serverless.Testing.Web;

namespace Serverless.Testing;

/// <summary>
/// A deterministic stand-in for the whole web and the Wayback Machine, for end-to-end runs over real documents with
/// hundreds of hosts: every URL's behaviour follows from a hash of it, so a test (or a person reading the demo) can
/// say beforehand what each link must come out as. Sites (by host) may be behind a bot wall or rate-limit everything;
/// pages (by host and request target) may be missing, gone, moved, failing, or refuse HEAD.
/// </summary>
public static class SimulatedInternet
{
    /// <summary>Where moved pages point (on the same host); always answers 200.</summary>
    public const string MovedPrefix = "/__moved";

    /// <summary>The capture timestamp the simulator gives pages it already holds (availability and CDX).</summary>
    public const string AvailableCaptureTimestamp = "20120101000000";

    /// <summary>The capture timestamp of pages only the CDX index knows.</summary>
    public const string CdxOnlyCaptureTimestamp = "20110101000000";

    /// <summary>The timestamp of captures made on request (Save Page Now).</summary>
    public const string SavedCaptureTimestamp = "20261203120000";

    /// <summary>What the simulated web does with a request for <paramref name="url"/>.</summary>
    public static SimulatedFate FateOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsDefaultPort)
        {
            return SimulatedFate.Unreachable;
        }

        return FateOf(url.IdnHost, url.PathAndQuery);
    }

    /// <summary>What the simulated web does for a host and request target (path and query as sent).</summary>
    public static SimulatedFate FateOf(string host, string target)
    {
        host = host.ToLowerInvariant();
        switch (Bucket(host, 40))
        {
            case 0:
                return SimulatedFate.Blocked;
            case 1:
                return SimulatedFate.RateLimited;
        }

        if (target.StartsWith(MovedPrefix, StringComparison.Ordinal))
        {
            return SimulatedFate.Ok;
        }

        return Bucket(host + target, 20) switch
        {
            0 or 1 => SimulatedFate.NotFound,
            2 => SimulatedFate.Gone,
            3 => SimulatedFate.MovedPermanently,
            4 => SimulatedFate.Found,
            5 => SimulatedFate.ServerError,
            6 => SimulatedFate.HeadNotAllowed,
            7 => SimulatedFate.HeadLies,
            _ => SimulatedFate.Ok,
        };
    }

    /// <summary>Where a moved page's redirect points (absolute, same scheme and host).</summary>
    public static string MovedTo(Uri url) => $"{url.Scheme}://{url.IdnHost}{MovedPrefix}{url.AbsolutePath}";

    /// <summary>Answers every request on <paramref name="web"/> by its fate.</summary>
    public static void Install(LoopbackWeb web)
    {
        ArgumentNullException.ThrowIfNull(web);
        web.Respond(request => ReplyFor(request));
    }

    /// <summary>Whether the archive holds a copy of <paramref name="url"/> already, and how it is found.</summary>
    public static ArchiveFate ArchiveFateOf(string url) => Bucket(url, 3) switch
    {
        0 => ArchiveFate.Available,
        1 => ArchiveFate.CdxOnly,
        _ => ArchiveFate.SavedOnRequest,
    };

    /// <summary>Gives the simulator its captures for <paramref name="urls"/>; the rest are saved on request.</summary>
    public static void Install(WaybackSimulator wayback, IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(wayback);
        ArgumentNullException.ThrowIfNull(urls);
        wayback.DefaultSaveBehaviour = SaveBehaviour.Succeed(SavedCaptureTimestamp, pendingPolls: 1);
        wayback.DailyCapturesLimit = 100_000;
        foreach (var url in urls.Distinct(StringComparer.Ordinal))
        {
            switch (ArchiveFateOf(url))
            {
                case ArchiveFate.Available:
                    wayback.AddCapture(url, AvailableCaptureTimestamp);
                    break;
                case ArchiveFate.CdxOnly:
                    wayback.AddCapture(url, CdxOnlyCaptureTimestamp, CaptureVisibility.CdxOnly);
                    break;
            }
        }
    }

    /// <summary>The playback URL the archive step should end with for <paramref name="url"/>.</summary>
    public static string ExpectedArchiveUrl(WaybackSimulator wayback, string url) => wayback.PlaybackUrl(
        ArchiveFateOf(url) switch
        {
            ArchiveFate.Available => AvailableCaptureTimestamp,
            ArchiveFate.CdxOnly => CdxOnlyCaptureTimestamp,
            _ => SavedCaptureTimestamp,
        },
        url);

    private static Reply ReplyFor(WebRequest request)
    {
        var head = string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase);
        return FateOf(request.Host, request.RawTarget) switch
        {
            SimulatedFate.Blocked => Reply.Challenge(),
            SimulatedFate.RateLimited => Reply.TooManyRequests("3600"),
            SimulatedFate.NotFound => Reply.Status(404, "<!DOCTYPE html><html><head><title>Not found</title></head><body>No such page.</body></html>"),
            SimulatedFate.Gone => Reply.Status(410),
            SimulatedFate.MovedPermanently => Reply.Redirect(301, $"{request.Scheme}://{request.Host}{MovedPrefix}{request.Path}"),
            SimulatedFate.Found => Reply.Redirect(302, $"{request.Scheme}://{request.Host}{MovedPrefix}{request.Path}"),
            SimulatedFate.ServerError => Reply.Status(500),
            SimulatedFate.HeadNotAllowed when head => Reply.Status(405),
            SimulatedFate.HeadLies when head => Reply.Status(404),
            _ => Reply.Ok(),
        };
    }

    private static int Bucket(string key, int buckets)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (int)(BitConverter.ToUInt32(hash) % (uint)buckets);
    }
}

/// <summary>What the simulated web does with a URL.</summary>
public enum SimulatedFate
{
    Ok,
    /// <summary>404.</summary>
    NotFound,
    /// <summary>410.</summary>
    Gone,
    /// <summary>301 to <see cref="SimulatedInternet.MovedPrefix"/> + path, which answers 200.</summary>
    MovedPermanently,
    /// <summary>302 to <see cref="SimulatedInternet.MovedPrefix"/> + path, which answers 200.</summary>
    Found,
    /// <summary>500 every time.</summary>
    ServerError,
    /// <summary>HEAD 405, GET 200.</summary>
    HeadNotAllowed,
    /// <summary>HEAD 404, GET 200 (a server whose HEAD lies).</summary>
    HeadLies,
    /// <summary>The whole site answers a Cloudflare-style challenge (403, <c>cf-mitigated: challenge</c>).</summary>
    Blocked,
    /// <summary>The whole site answers 429 with <c>Retry-After: 3600</c>.</summary>
    RateLimited,
    /// <summary>Not on port 80 or 443: nothing listens (connection refused).</summary>
    Unreachable,
}

/// <summary>Whether the simulated archive holds a copy of a URL.</summary>
public enum ArchiveFate
{
    /// <summary>The availability API finds it.</summary>
    Available,
    /// <summary>The availability API answers nothing; the CDX index has it.</summary>
    CdxOnly,
    /// <summary>No copy; Save Page Now makes one (pending one poll, then success).</summary>
    SavedOnRequest,
}
