using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Web.Tests.Support;

namespace Serverless.Web.Tests;

public sealed class SafeHttpOptionsValidatorTests
{
    private readonly SafeHttpOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new SafeHttpOptions()).Succeeded);
    }

    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var options = new SafeHttpOptions();

        Assert.Empty(options.AllowedPrivateNetworks);
        Assert.Empty(options.ConnectTo);
        Assert.Empty(options.PinnedCertificates);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Timeout);
        Assert.Equal(104_857_600, options.MaxResponseBytes);
        Assert.Equal(5, options.MaxRedirects);
        Assert.Equal("Serverless/1.0 (+https://example.invalid)", options.UserAgent);
    }

    [Theory]
    [InlineData("127.0.0.1/8", "'127.0.0.1/8' has host bits set; write '127.0.0.0/8' for the whole network or '127.0.0.1/32'")]
    [InlineData("fd00::1/8", "'fd00::1/8' has host bits set; write 'fd00::/8' for the whole network or 'fd00::1/128'")]
    [InlineData("10.0.0.1", "'10.0.0.1' is not a network in CIDR notation")]
    [InlineData("localhost", "'localhost'")]
    [InlineData("10.0.0.0/33", "'10.0.0.0/33'")]
    [InlineData("0.0.0.0/0", "turns the private-address guard off")]
    [InlineData("::/0", "turns the private-address guard off")]
    public void Validate_BadAllowedNetwork_FailsNamingTheEntry(string entry, string expectedText)
    {
        var result = _validator.Validate(null, new SafeHttpOptions { AllowedPrivateNetworks = [entry] });

        Assert.True(result.Failed);
        Assert.Contains(expectedText, result.FailureMessage);
        Assert.Contains("OutboundHttp:AllowedPrivateNetworks", result.FailureMessage);
    }

    [Fact]
    public void Validate_BadConnectToEntry_FailsNamingTheEntryAndTheForm()
    {
        var result = _validator.Validate(null, new SafeHttpOptions { ConnectTo = ["*:443=127.0.0.1:8443", "example.org:80=localhost:80"] });

        Assert.True(result.Failed);
        Assert.Equal(
            "OutboundHttp:ConnectTo entry 'example.org:80=localhost:80' does not point to an IP address and port on the right of '=' ('localhost:80'); write for example '127.0.0.1:8080' or '[::1]:8443'.",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_BadPinnedCertificate_FailsNamingTheEntry()
    {
        var result = _validator.Validate(null, new SafeHttpOptions { PinnedCertificates = ["0A1B2C"] });

        Assert.True(result.Failed);
        Assert.Equal(
            "OutboundHttp:PinnedCertificates entry '0A1B2C' is not a SHA-256 thumbprint; write the certificate's 64 hex digits (colons allowed).",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_EveryBadLimit_IsReportedTogether()
    {
        var options = new SafeHttpOptions
        {
            ConnectTimeout = TimeSpan.Zero,
            Timeout = TimeSpan.FromSeconds(-1),
            MaxResponseBytes = 0,
            MaxRedirects = 21,
            UserAgent = "Bot\r\nX-Injected: 1",
        };

        var result = _validator.Validate(null, options);

        Assert.Equal(5, result.Failures?.Count());
        Assert.Contains("OutboundHttp:ConnectTimeout", result.FailureMessage);
        Assert.Contains("OutboundHttp:Timeout", result.FailureMessage);
        Assert.Contains("OutboundHttp:MaxResponseBytes", result.FailureMessage);
        Assert.Contains("OutboundHttp:MaxRedirects", result.FailureMessage);
        Assert.Contains("OutboundHttp:UserAgent", result.FailureMessage);
    }

    [Fact]
    public void AddSafeHttp_BadConfiguration_FailsAtStartUp()
    {
        using var provider = TestFetcher.BuildServices(TestFetcher.Allow("192.168.1.1/16")).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("'192.168.1.1/16'", error.Message);
    }

    [Fact]
    public void AddSafeHttp_Configuration_IsBoundFromOutboundHttpSection()
    {
        using var provider = TestFetcher.BuildServices(
        [
            .. TestFetcher.Allow("127.0.0.0/8", "fd00::/8"),
            TestFetcher.Setting("ConnectTimeout", "00:00:03"),
            TestFetcher.Setting("Timeout", "00:00:30"),
            TestFetcher.Setting("MaxResponseBytes", "2048"),
            TestFetcher.Setting("MaxRedirects", "2"),
            TestFetcher.Setting("UserAgent", "TenderBot/2.0"),
        ]).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SafeHttpOptions>>().Value;

        Assert.Equal(["127.0.0.0/8", "fd00::/8"], options.AllowedPrivateNetworks);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(2048, options.MaxResponseBytes);
        Assert.Equal(2, options.MaxRedirects);
        Assert.Equal("TenderBot/2.0", options.UserAgent);
    }

    [Fact]
    public void AddSafeHttp_Handler_NeverUsesAProxyNorFollowsRedirectsItself()
    {
        using var provider = TestFetcher.BuildServices().BuildServiceProvider();
        var connector = provider.GetRequiredService<Serverless.Web.Connections.SafeConnector>();

        using var handler = SafeHttpServiceCollectionExtensions.CreateHandler(new SafeHttpOptions(), connector);

        Assert.False(handler.UseProxy);
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.NotNull(handler.ConnectCallback);
        Assert.Equal(TimeSpan.FromSeconds(10), handler.ConnectTimeout);
    }
}
