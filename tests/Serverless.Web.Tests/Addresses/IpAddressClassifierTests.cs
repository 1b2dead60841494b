using System.Net;
using Serverless.Web.Addresses;

namespace Serverless.Web.Tests.Addresses;

/// <summary>
/// Each row checked by hand against the RFC or IANA registry named beside it, not against the classifier's table.
/// Boundaries are tested on both sides.
/// </summary>
public sealed class IpAddressClassifierTests
{
    [Theory]
    // Public unicast
    [InlineData("8.8.8.8", "Public")]
    [InlineData("1.1.1.1", "Public")]
    [InlineData("93.184.215.14", "Public")]
    [InlineData("223.255.255.255", "Public")] // last address below 224/4
    // RFC 791 / RFC 1122: 0.0.0.0/8 "this network"; 0.0.0.0 the unspecified address
    [InlineData("0.0.0.0", "Unspecified")]
    [InlineData("0.1.2.3", "Reserved")]
    [InlineData("0.255.255.255", "Reserved")]
    [InlineData("1.0.0.0", "Public")]
    // RFC 1918 private networks
    [InlineData("9.255.255.255", "Public")]
    [InlineData("10.0.0.0", "Private")]
    [InlineData("10.0.0.1", "Private")]
    [InlineData("10.255.255.255", "Private")]
    [InlineData("11.0.0.0", "Public")]
    [InlineData("172.15.255.255", "Public")]
    [InlineData("172.16.0.0", "Private")]
    [InlineData("172.31.255.255", "Private")]
    [InlineData("172.32.0.0", "Public")]
    [InlineData("192.167.255.255", "Public")]
    [InlineData("192.168.0.0", "Private")]
    [InlineData("192.168.255.255", "Private")]
    [InlineData("192.169.0.0", "Public")]
    // RFC 6598 shared address space 100.64.0.0/10 = 100.64.0.0 .. 100.127.255.255
    [InlineData("100.63.255.255", "Public")]
    [InlineData("100.64.0.0", "SharedAddressSpace")]
    [InlineData("100.127.255.255", "SharedAddressSpace")]
    [InlineData("100.128.0.0", "Public")]
    // RFC 1122 loopback 127.0.0.0/8
    [InlineData("126.255.255.255", "Public")]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("127.255.255.254", "Loopback")]
    [InlineData("128.0.0.0", "Public")]
    // RFC 3927 link-local 169.254.0.0/16; instance metadata inside it
    [InlineData("169.253.255.255", "Public")]
    [InlineData("169.254.0.1", "LinkLocal")]
    [InlineData("169.254.255.255", "LinkLocal")]
    [InlineData("169.255.0.0", "Public")]
    [InlineData("169.254.169.254", "CloudMetadata")] // AWS, GCP, Azure, OCI instance metadata
    [InlineData("169.254.170.2", "CloudMetadata")] // AWS ECS task metadata/credentials
    [InlineData("100.100.100.200", "CloudMetadata")] // Alibaba Cloud metadata
    [InlineData("192.0.0.192", "CloudMetadata")] // Oracle Cloud legacy metadata
    // RFC 6890 192.0.0.0/24, RFC 5737 documentation, RFC 2544 benchmarking 198.18.0.0/15
    [InlineData("192.0.0.8", "Reserved")]
    [InlineData("192.0.2.1", "Documentation")]
    [InlineData("198.51.100.7", "Documentation")]
    [InlineData("203.0.113.200", "Documentation")]
    [InlineData("198.17.255.255", "Public")]
    [InlineData("198.18.0.0", "Reserved")]
    [InlineData("198.19.255.255", "Reserved")]
    [InlineData("198.20.0.0", "Public")]
    [InlineData("192.88.99.1", "Reserved")] // RFC 7526 deprecated 6to4 relay anycast
    // RFC 5771 multicast 224.0.0.0/4; RFC 1112 240.0.0.0/4 reserved; RFC 919 limited broadcast
    [InlineData("224.0.0.1", "Multicast")]
    [InlineData("239.255.255.255", "Multicast")]
    [InlineData("240.0.0.1", "Reserved")]
    [InlineData("255.255.255.254", "Reserved")]
    [InlineData("255.255.255.255", "Broadcast")]
    // IPv6, RFC 4291: unspecified, loopback, link-local fe80::/10 (fe80:: .. febf:ffff:...), multicast ff00::/8
    [InlineData("::", "Unspecified")]
    [InlineData("::1", "Loopback")]
    [InlineData("fe80::1", "LinkLocal")]
    [InlineData("febf:ffff::1", "LinkLocal")]
    [InlineData("ff02::1", "Multicast")]
    [InlineData("ff0e::1", "Multicast")]
    // RFC 4193 unique local fc00::/7 = fc00:: .. fdff:...; AWS metadata over IPv6 inside it
    [InlineData("fc00::1", "UniqueLocal")]
    [InlineData("fd00::1", "UniqueLocal")]
    [InlineData("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "UniqueLocal")]
    [InlineData("fd00:ec2::254", "CloudMetadata")]
    // RFC 3879 deprecated site-local fec0::/10; outside 2000::/3 global unicast per the IANA IPv6 address space
    [InlineData("fec0::1", "Reserved")]
    [InlineData("4000::1", "Reserved")]
    [InlineData("100::1", "Reserved")] // RFC 6666 discard-only
    [InlineData("::7f00:1", "Reserved")] // RFC 4291 deprecated IPv4-compatible ::127.0.0.1
    // RFC 4291 IPv4-mapped ::ffff:0:0/96: judged as the IPv4 address
    [InlineData("::ffff:127.0.0.1", "Loopback")]
    [InlineData("::ffff:10.0.0.1", "Private")]
    [InlineData("::ffff:169.254.169.254", "CloudMetadata")]
    [InlineData("::ffff:0.0.0.0", "Unspecified")]
    [InlineData("::ffff:8.8.8.8", "Public")]
    // RFC 6052 NAT64 64:ff9b::/96 and RFC 3056 6to4 2002::/16 carry an IPv4 address
    [InlineData("64:ff9b::7f00:1", "Loopback")] // 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe", "CloudMetadata")] // 169.254.169.254
    [InlineData("64:ff9b::808:808", "Public")] // 8.8.8.8
    [InlineData("2002:a00:1::1", "Private")] // 10.0.0.1
    [InlineData("2002:7f00:1::", "Loopback")] // 127.0.0.1
    [InlineData("2002:808:808::1", "Public")] // 8.8.8.8
    // RFC 3849 and RFC 9637 documentation; RFC 2928 2001::/23 IETF protocol assignments incl. Teredo 2001::/32
    [InlineData("2001:db8::1", "Documentation")]
    [InlineData("3fff::1", "Documentation")]
    [InlineData("2001::1", "Reserved")]
    [InlineData("2001:1ff:ffff::1", "Reserved")]
    // Global unicast
    [InlineData("2001:200::1", "Public")] // first APNIC block, just past 2001::/23
    [InlineData("2001:4860:4860::8888", "Public")]
    [InlineData("2606:4700:4700::1111", "Public")]
    [InlineData("2a00:1450:4001::1", "Public")]
    public void Classify_Address_IsItsRfcCategory(string address, string expected)
    {
        var category = IpAddressClassifier.Classify(IPAddress.Parse(address));

        Assert.Equal(expected, category.ToString());
    }

    [Fact]
    public void Classify_LinkLocalWithScopeId_IsLinkLocal()
    {
        var address = IPAddress.Parse("fe80::1%1");

        Assert.Equal(AddressCategory.LinkLocal, IpAddressClassifier.Classify(address));
    }
}
