namespace Serverless.Web.Addresses;

/// <summary>What an IP address is, as far as reaching it from a server goes.</summary>
internal enum AddressCategory
{
    /// <summary>Globally routable unicast: the only kind reached by default.</summary>
    Public,

    /// <summary>0.0.0.0 or ::. Connecting to it reaches the local host on Linux.</summary>
    Unspecified,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>RFC 1918: 10/8, 172.16/12, 192.168/16.</summary>
    Private,

    /// <summary>RFC 6598 shared address space 100.64/10 (carrier-grade NAT).</summary>
    SharedAddressSpace,

    /// <summary>169.254/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>RFC 4193 fc00::/7.</summary>
    UniqueLocal,

    /// <summary>An instance metadata service of a cloud provider (169.254.169.254, fd00:ec2::254 and the like).</summary>
    CloudMetadata,

    /// <summary>224.0.0.0/4, ff00::/8.</summary>
    Multicast,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>Documentation ranges (RFC 5737, RFC 3849, RFC 9637): never a real host.</summary>
    Documentation,

    /// <summary>Any other special-purpose or unallocated range (IANA special-purpose registries, outside 2000::/3).</summary>
    Reserved,
}
