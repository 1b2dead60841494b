using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Serverless.Web.Addresses;

namespace Serverless.Web.Connections;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the safe client: resolves the host itself, refuses the
/// connection if any address is not allowed, and dials exactly the vetted addresses, so the handler never resolves
/// the name a second time and a DNS rebinding answer cannot swap the address after the check. A
/// <see cref="SafeHttpOptions.ConnectTo"/> override replaces resolution, and its target is vetted the same way.
/// </summary>
internal sealed class SafeConnector(OutboundAddressPolicy policy, IHostAddressResolver resolver, ISocketDialer dialer, ConnectToTable connectTo)
{
    public SafeConnector(OutboundAddressPolicy policy, IHostAddressResolver resolver, ISocketDialer dialer)
        : this(policy, resolver, dialer, ConnectToTable.Empty)
    {
    }

    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        // RFC 6761 §6.4: names under .invalid never exist, and resolvers should say so at once; asking DNS would
        // only leak the name. Checked before ConnectTo, so even a wildcard override cannot make one reachable.
        if (IsInvalidName(host))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (connectTo.Find(host, port) is { } overridden)
        {
            var verdict = policy.Evaluate(overridden.Address);
            if (!verdict.IsAllowed)
            {
                throw new BlockedAddressException(host, verdict);
            }

            var address = overridden.Address.IsIPv4MappedToIPv6 ? overridden.Address.MapToIPv4() : overridden.Address;
            return await dialer.DialAsync(new IPEndPoint(address, overridden.Port), cancellationToken).ConfigureAwait(false);
        }

        var addresses = TryParseLiteral(host) is { } literal
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // A name with one public and one private answer is misconfigured or an attack; picking the public one would
        // leave the decision to record order, so any refused answer refuses the name.
        foreach (var address in addresses)
        {
            var verdict = policy.Evaluate(address);
            if (!verdict.IsAllowed)
            {
                throw new BlockedAddressException(host, verdict);
            }
        }

        ExceptionDispatchInfo? last = null;
        foreach (var address in addresses)
        {
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            try
            {
                return await dialer.DialAsync(new IPEndPoint(target, port), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                last = ExceptionDispatchInfo.Capture(e);
            }
        }

        last!.Throw();
        throw new UnreachableException();
    }

    internal static bool IsInvalidName(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("invalid", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An IP literal needs no resolution; hosts of IPv6 URLs may arrive with their brackets.</summary>
    internal static IPAddress? TryParseLiteral(string host)
    {
        var bare = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var address) ? address : null;
    }
}
