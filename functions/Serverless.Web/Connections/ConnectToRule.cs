using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Serverless.Web.Connections;

/// <summary>
/// One <see cref="SafeHttpOptions.ConnectTo"/> entry, <c>host:port=ip:port</c> like curl's <c>--connect-to</c>:
/// connections for <c>host:port</c> go to <c>ip:port</c> instead, while the request keeps its Host header and TLS SNI.
/// A host of <c>*</c> matches every host on that port.
/// </summary>
internal sealed record ConnectToRule(string Host, int Port, IPEndPoint Target)
{
    public const string Wildcard = "*";

    public bool Matches(string host, int port) =>
        port == Port && (Host == Wildcard || string.Equals(Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses one entry; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? entry, [NotNullWhen(true)] out ConnectToRule? rule, [NotNullWhen(false)] out string? error)
    {
        rule = null;
        var text = entry?.Trim() ?? string.Empty;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = "is not of the form 'host:port=ip:port'";
            return false;
        }

        var (from, to) = (text[..equals], text[(equals + 1)..]);
        var colon = from.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(from[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"has no valid port on the left of '=' ('{from}')";
            return false;
        }

        // The target is an address, not a name: a name would be resolved again, and the point is to skip DNS.
        if (!IPEndPoint.TryParse(to, out var target) || target.Port == 0)
        {
            error = $"does not point to an IP address and port on the right of '=' ('{to}'); write for example '127.0.0.1:8080' or '[::1]:8443'";
            return false;
        }

        var host = from[..colon];
        if (host.Length > 1 && host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }

        rule = new ConnectToRule(host, port, target);
        error = null;
        return true;
    }
}
