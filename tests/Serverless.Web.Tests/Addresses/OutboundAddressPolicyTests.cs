using System.Net;
using Serverless.Web.Addresses;

namespace Serverless.Web.Tests.Addresses;

public sealed class OutboundAddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    public void Evaluate_DefaultPolicy_AllowsOnlyPublicAddresses(string address, bool allowed)
    {
        var policy = new OutboundAddressPolicy([]);

        Assert.Equal(allowed, policy.Evaluate(IPAddress.Parse(address)).IsAllowed);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.10.20.30", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    public void Evaluate_LoopbackAllowed_AllowsIPv4LoopbackOnly(string address, bool allowed)
    {
        var policy = new OutboundAddressPolicy([IPNetwork.Parse("127.0.0.0/8")]);

        Assert.Equal(allowed, policy.Evaluate(IPAddress.Parse(address)).IsAllowed);
    }

    [Fact]
    public void Evaluate_WholeLinkLocalRangeAllowed_StillRefusesMetadata()
    {
        var policy = new OutboundAddressPolicy([IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("fc00::/7")]);

        Assert.True(policy.Evaluate(IPAddress.Parse("169.254.10.1")).IsAllowed);
        Assert.True(policy.Evaluate(IPAddress.Parse("fd12::1")).IsAllowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("169.254.169.254")).IsAllowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("fd00:ec2::254")).IsAllowed);
    }

    [Fact]
    public void Evaluate_MetadataListedAsSingleAddress_IsAllowed()
    {
        var policy = new OutboundAddressPolicy([IPNetwork.Parse("169.254.169.254/32")]);

        var verdict = policy.Evaluate(IPAddress.Parse("169.254.169.254"));

        Assert.True(verdict.IsAllowed);
        Assert.Equal(AddressCategory.CloudMetadata, verdict.Category);
    }

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0/8")]
    [InlineData("::", "::/8")]
    [InlineData("224.0.0.1", "224.0.0.0/4")]
    [InlineData("ff02::1", "ff00::/8")]
    [InlineData("255.255.255.255", "240.0.0.0/4")]
    public void Evaluate_UnspecifiedMulticastOrBroadcast_IsRefusedEvenWhenAllowed(string address, string network)
    {
        var policy = new OutboundAddressPolicy([IPNetwork.Parse(network)]);

        Assert.False(policy.Evaluate(IPAddress.Parse(address)).IsAllowed);
    }

    [Fact]
    public void From_Options_ParsesEveryAllowedNetwork()
    {
        var policy = OutboundAddressPolicy.From(new SafeHttpOptions { AllowedPrivateNetworks = ["127.0.0.0/8", " 10.1.0.0/16 "] });

        Assert.True(policy.Evaluate(IPAddress.Parse("10.1.2.3")).IsAllowed);
        Assert.False(policy.Evaluate(IPAddress.Parse("10.2.0.1")).IsAllowed);
    }
}
