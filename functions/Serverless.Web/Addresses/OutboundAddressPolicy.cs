using System.Net;
using System.Net.Sockets;

namespace Serverless.Web.Addresses;

/// <summary>
/// Decides whether outbound HTTP may connect to an address: public addresses yes, everything else only when
/// <see cref="SafeHttpOptions.AllowedPrivateNetworks"/> lets it in.
/// </summary>
internal sealed class OutboundAddressPolicy
{
    private readonly IPNetwork[] _allowed;

    public OutboundAddressPolicy(IEnumerable<IPNetwork> allowedNetworks) => _allowed = [.. allowedNetworks];

    /// <summary>Builds the policy from validated options.</summary>
    public static OutboundAddressPolicy From(SafeHttpOptions options) =>
        new(options.AllowedPrivateNetworks.Select(cidr => IPNetwork.Parse(cidr.Trim())));

    public AddressVerdict Evaluate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);

        // Allow-list entries are written as IPv4, and ::ffff:a.b.c.d is the same host as a.b.c.d.
        var subject = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var category = IpAddressClassifier.Classify(subject);
        var allowed = category switch
        {
            AddressCategory.Public => true,

            // Never a single TCP peer; 0.0.0.0 even reaches this machine on Linux. Loopback is listed by its own range.
            AddressCategory.Unspecified or AddressCategory.Multicast or AddressCategory.Broadcast => false,

            // Credentials live there: allowing a whole link-local or unique-local range must not open it by accident.
            AddressCategory.CloudMetadata => _allowed.Any(n => IsSingleAddress(n) && n.BaseAddress.Equals(subject)),

            _ => _allowed.Any(n => n.Contains(subject)),
        };

        return new AddressVerdict(address, category, allowed);
    }

    private static bool IsSingleAddress(IPNetwork network) =>
        network.PrefixLength == (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
}
