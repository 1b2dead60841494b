using System.Net;
using System.Net.Sockets;

namespace Serverless.Web.Addresses;

/// <summary>
/// Sorts an IP address into an <see cref="AddressCategory"/>, from the IANA IPv4 and IPv6 special-purpose address
/// registries (RFC 6890 and successors). Pure: no configuration, no I/O.
/// </summary>
internal static class IpAddressClassifier
{
    // First match wins, so single addresses come before the ranges that hold them.
    private static readonly (IPNetwork Network, AddressCategory Category)[] IPv4Ranges =
    [
        // Instance metadata: AWS/GCP/Azure/OCI/DigitalOcean, AWS ECS task metadata and EKS pod identity,
        // Oracle's legacy address, Alibaba Cloud. Named so a refusal says what was at stake.
        (Net("169.254.169.254/32"), AddressCategory.CloudMetadata),
        (Net("169.254.170.2/32"), AddressCategory.CloudMetadata),
        (Net("169.254.170.23/32"), AddressCategory.CloudMetadata),
        (Net("192.0.0.192/32"), AddressCategory.CloudMetadata),
        (Net("100.100.100.200/32"), AddressCategory.CloudMetadata),
        (Net("0.0.0.0/32"), AddressCategory.Unspecified),
        (Net("255.255.255.255/32"), AddressCategory.Broadcast), // RFC 919 limited broadcast
        (Net("0.0.0.0/8"), AddressCategory.Reserved), // RFC 791 "this network"
        (Net("10.0.0.0/8"), AddressCategory.Private), // RFC 1918
        (Net("100.64.0.0/10"), AddressCategory.SharedAddressSpace), // RFC 6598
        (Net("127.0.0.0/8"), AddressCategory.Loopback), // RFC 1122
        (Net("169.254.0.0/16"), AddressCategory.LinkLocal), // RFC 3927
        (Net("172.16.0.0/12"), AddressCategory.Private), // RFC 1918
        (Net("192.0.0.0/24"), AddressCategory.Reserved), // RFC 6890 IETF protocol assignments
        (Net("192.0.2.0/24"), AddressCategory.Documentation), // RFC 5737 TEST-NET-1
        (Net("192.31.196.0/24"), AddressCategory.Reserved), // RFC 7535 AS112-v4
        (Net("192.52.193.0/24"), AddressCategory.Reserved), // RFC 7450 AMT
        (Net("192.88.99.0/24"), AddressCategory.Reserved), // RFC 7526 deprecated 6to4 relay anycast
        (Net("192.168.0.0/16"), AddressCategory.Private), // RFC 1918
        (Net("192.175.48.0/24"), AddressCategory.Reserved), // RFC 7534 direct delegation AS112
        (Net("198.18.0.0/15"), AddressCategory.Reserved), // RFC 2544 benchmarking
        (Net("198.51.100.0/24"), AddressCategory.Documentation), // RFC 5737 TEST-NET-2
        (Net("203.0.113.0/24"), AddressCategory.Documentation), // RFC 5737 TEST-NET-3
        (Net("224.0.0.0/4"), AddressCategory.Multicast), // RFC 5771
        (Net("240.0.0.0/4"), AddressCategory.Reserved), // RFC 1112 reserved for future use
    ];

    private static readonly (IPNetwork Network, AddressCategory Category)[] IPv6Ranges =
    [
        (Net("fd00:ec2::254/128"), AddressCategory.CloudMetadata), // AWS instance metadata over IPv6
        (Net("fd00:ec2::23/128"), AddressCategory.CloudMetadata), // AWS EKS pod identity agent over IPv6
        (Net("::/128"), AddressCategory.Unspecified), // RFC 4291
        (Net("::1/128"), AddressCategory.Loopback), // RFC 4291
        (Net("fc00::/7"), AddressCategory.UniqueLocal), // RFC 4193
        (Net("fe80::/10"), AddressCategory.LinkLocal), // RFC 4291
        (Net("ff00::/8"), AddressCategory.Multicast), // RFC 4291
        (Net("2001:db8::/32"), AddressCategory.Documentation), // RFC 3849
        (Net("3fff::/20"), AddressCategory.Documentation), // RFC 9637
        (Net("2001::/23"), AddressCategory.Reserved), // RFC 2928 IETF protocol assignments, incl. Teredo 2001::/32
    ];

    // Only 2000::/3 is allocated as global unicast (IANA IPv6 address space); all else is special or unallocated,
    // which covers ::/96 IPv4-compatible, 100::/64 discard, 64:ff9b:1::/48 local NAT64, fec0::/10 site-local, 5f00::/16.
    private static readonly IPNetwork GlobalUnicast = Net("2000::/3");

    private static readonly IPNetwork Nat64WellKnown = Net("64:ff9b::/96"); // RFC 6052
    private static readonly IPNetwork SixToFour = Net("2002::/16"); // RFC 3056

    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(IPv4Ranges, address) ?? AddressCategory.Public;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return AddressCategory.Reserved;
        }

        // ::ffff:a.b.c.d reaches a.b.c.d through a dual-stack socket: judge the IPv4 address.
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4());
        }

        // NAT64 and 6to4 carry an IPv4 address inside; a gateway may deliver to it, so it must pass on its own.
        if (EmbeddedIPv4(address) is { } embedded)
        {
            return Classify(embedded);
        }

        if (Match(IPv6Ranges, address) is { } category)
        {
            return category;
        }

        return GlobalUnicast.Contains(address) ? AddressCategory.Public : AddressCategory.Reserved;
    }

    /// <summary>The IPv4 address that a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address stands for, if any.</summary>
    internal static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Nat64WellKnown.Contains(address))
        {
            return new IPAddress(bytes[12..16]);
        }

        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes[2..6]);
        }

        return null;
    }

    private static AddressCategory? Match((IPNetwork Network, AddressCategory Category)[] ranges, IPAddress address)
    {
        foreach (var (network, category) in ranges)
        {
            if (network.Contains(address))
            {
                return category;
            }
        }

        return null;
    }

    private static IPNetwork Net(string cidr) => IPNetwork.Parse(cidr);
}
