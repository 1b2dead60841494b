using System.Globalization;
using System.Net;
using System.Text;

namespace Serverless.Benchmarks.Links;

/// <summary>
/// The layout of the link-check benchmark's loopback web: link <c>i</c> is <c>http://127.0.0.H:PORT/l/i</c> on host
/// <c>H = 1 + i % Hosts</c> (all of 127.0.0.0/8 is loopback on Linux, and each address is a host of its own to both
/// checkers' per-host limits), and its fate and latency follow from <c>i</c> alone, so the server, the two checkers and
/// the expected verdicts agree without sharing state. The last host is behind a bot wall and the one before it
/// rate-limits everything; on the others about two links in three answer 200.
/// </summary>
internal sealed record LinkSite(int Port, int Hosts, bool WithLatency)
{
    /// <summary>The page that links to every link, for linkinator (which checks the links of a page).</summary>
    public const string IndexPath = "/index.html";

    /// <summary>Answers 200 at once: the server is up.</summary>
    public const string PingPath = "/ping";

    /// <summary>Where moved links point (same host, same index); answers 200.</summary>
    public const string MovedPrefix = "/moved";

    /// <summary>More hosts than this would need addresses beyond 127.0.0.254.</summary>
    public const int MaxHosts = 254;

    private const string LinkPrefix = "/l/";

    /// <summary>The injected latency of one response: 20 to 50 ms, deterministic per link, the same for each of its requests.</summary>
    public const int MinLatencyMilliseconds = 20;

    public const int MaxLatencyMilliseconds = 50;

    public static IPAddress HostAddress(int host) => new([127, 0, 0, (byte)host]);

    public int HostOf(int index) => 1 + (index % Hosts);

    /// <summary>The URL of link <paramref name="index"/>, in the form URL parsers print it (linkinator reports it so).</summary>
    public string Url(int index) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.{HostOf(index)}:{Port}{LinkPrefix}{index}");

    /// <summary>The URL of the index page of links 0 to <paramref name="links"/> - 1, on the first host.</summary>
    public string IndexUrl(int links) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}{IndexPath}?links={links}");

    public LinkFate FateOf(int index)
    {
        var host = HostOf(index);
        if (host == Hosts)
        {
            return LinkFate.Challenge;
        }

        if (host == Hosts - 1)
        {
            return LinkFate.RateLimited;
        }

        return (Mix(index, 1) % 100) switch
        {
            < 66 => LinkFate.Ok,
            < 74 => LinkFate.NotFound,
            < 78 => LinkFate.Gone,
            < 82 => LinkFate.MovedPermanently,
            < 86 => LinkFate.Found,
            < 90 => LinkFate.ServerError,
            < 95 => LinkFate.HeadNotAllowed,
            _ => LinkFate.HeadLies,
        };
    }

    public TimeSpan LatencyOf(int index) => WithLatency
        ? TimeSpan.FromMilliseconds(MinLatencyMilliseconds + (Mix(index, 2) % (MaxLatencyMilliseconds - MinLatencyMilliseconds + 1)))
        : TimeSpan.Zero;

    /// <summary>The link index of a request path (<c>/l/i</c> or <c>/moved/l/i</c>), or -1.</summary>
    public static int IndexOf(string path, out bool moved)
    {
        moved = path.StartsWith(MovedPrefix + LinkPrefix, StringComparison.Ordinal);
        var rest = moved ? path[(MovedPrefix.Length + LinkPrefix.Length)..] : path.StartsWith(LinkPrefix, StringComparison.Ordinal) ? path[LinkPrefix.Length..] : null;
        return rest is not null && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
    }

    /// <summary>An HTML page with one anchor per link, 0 to <paramref name="links"/> - 1.</summary>
    public string IndexPage(int links)
    {
        var page = new StringBuilder("<!DOCTYPE html><html><head><title>Links</title></head><body>\n");
        for (var i = 0; i < links; i++)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Url(i)}\">link {i}</a></p>\n");
        }

        return page.Append("</body></html>\n").ToString();
    }

    /// <summary>A well-spread hash of the index (murmur3's finaliser), so neighbouring links get unrelated fates.</summary>
    private static uint Mix(int index, uint salt)
    {
        var x = ((uint)index * 0x9E3779B1u) ^ (salt * 0x85EBCA6Bu);
        x ^= x >> 16;
        x *= 0x85EBCA6Bu;
        x ^= x >> 13;
        x *= 0xC2B2AE35u;
        x ^= x >> 16;
        return x;
    }
}
