using System.Net;
using System.Net.Sockets;
using Serverless.Testing.Wayback;
using Serverless.Testing.Web;

namespace Serverless.Testing;

/// <summary>
/// The host configuration (keys in <c>Section:Key</c> form) that sends a function host's link checks to a simulated web and
/// its archive lookups to a simulated Wayback Machine, shared by the end-to-end tests and <c>run.sh</c>'s simulation.
/// </summary>
public static class SimulatedHostSettings
{
    /// <summary>
    /// Every port-80 and port-443 connection to <paramref name="web"/>, each of <paramref name="otherPorts"/> to a port
    /// nothing listens on (refused, never out to the internet), <paramref name="web"/>'s certificate pinned, the archive
    /// at <paramref name="wayback"/> with Save Page Now keys, and one failed check making a link dead (so one run shows
    /// archive redirects; the product's default is three, a day apart).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(LoopbackWeb web, WaybackSimulator wayback,
        string accessKey, string secretKey, IEnumerable<int> otherPorts)
    {
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(wayback);
        var closed = ClosedPort(web.Address);
        var connectTo = web.ConnectTo.Concat(otherPorts.Distinct().Order().Select(p => $"*:{p}={web.Address}:{closed}")).ToList();
        var settings = new List<KeyValuePair<string, string>>
        {
            new("OutboundHttp:PinnedCertificates:0", web.CertificateThumbprint),
            new("Wayback:AvailabilityBaseUrl", wayback.BaseUrl),
            new("Wayback:WebBaseUrl", wayback.BaseUrl),
            new("Wayback:AccessKey", accessKey),
            new("Wayback:SecretKey", secretKey),
            new("LinkHistory:DeadAfterFailures", "1"),
            new("LinkHistory:MinFailureSpacing", "00:00:00"),
        };
        settings.AddRange(connectTo.Select((rule, i) => new KeyValuePair<string, string>($"OutboundHttp:ConnectTo:{i}", rule)));
        return settings;
    }

    /// <summary>A port on <paramref name="address"/> that nothing listens on: connections to it are refused.</summary>
    public static int ClosedPort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
