using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Links.Checking;
using Serverless.Links.Ports;
using Serverless.Web.Connections;

namespace Serverless.Web.Tests.Links;

public sealed class LinkCheckingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddLinkChecking_NoSettings_GivesOneCheckerForTheProcessWithDefaultOptions()
    {
        using var provider = Build([]);

        var checker = provider.GetRequiredService<ILinkChecker>();
        var options = provider.GetRequiredService<IOptions<LinkCheckerOptions>>().Value;

        Assert.IsType<LinkChecker>(checker);
        Assert.Same(checker, provider.GetRequiredService<ILinkChecker>());
        Assert.Same(provider.GetRequiredService<ILinkTransport>(), provider.GetRequiredService<ILinkTransport>());
        Assert.Equal(LinkCheckerOptions.DefaultMaxConcurrency, options.MaxConcurrency);
        Assert.Equal(LinkCheckerOptions.DefaultUserAgent, options.UserAgent);
    }

    [Fact]
    public void AddLinkChecking_Settings_AreBoundFromTheLinkCheckerSection()
    {
        using var provider = Build(new()
        {
            ["LinkChecker:MaxConcurrency"] = "7",
            ["LinkChecker:HostRequestInterval"] = "00:00:02",
            ["LinkChecker:UserAgent"] = "Checker/1.0",
        });

        var options = provider.GetRequiredService<IOptions<LinkCheckerOptions>>().Value;

        Assert.Equal(7, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HostRequestInterval);
        Assert.Equal("Checker/1.0", options.UserAgent);
    }

    [Fact]
    public void AddLinkChecking_BadSettings_FailAtStartNamingEachKey()
    {
        using var provider = Build(new()
        {
            ["LinkChecker:MaxConcurrency"] = "0",
            ["LinkChecker:Timeout"] = "00:00:00",
            ["OutboundHttp:ConnectTo:0"] = "example.org:80",
        });

        var error = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var messages = string.Join("\n", error.InnerExceptions.Select(e => e.Message));
        Assert.Contains("LinkChecker:MaxConcurrency must be at least 1", messages);
        Assert.Contains("LinkChecker:Timeout must be positive", messages);
        Assert.Contains("OutboundHttp:ConnectTo entry 'example.org:80' is not of the form 'host:port=ip:port'", messages);
    }

    [Fact]
    public void CreateHandler_LinkClient_FollowsNoRedirectKeepsNoCookieAndReadsHeadersAsUtf8()
    {
        using var provider = Build([]);
        var options = new SafeHttpOptions { PinnedCertificates = [new string('A', 64)] };

        using var handler = LinkCheckingServiceCollectionExtensions.CreateHandler(options, provider.GetRequiredService<SafeConnector>());

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.False(handler.UseProxy);
        Assert.Equal(DecompressionMethods.All, handler.AutomaticDecompression);
        Assert.Equal(System.Text.Encoding.UTF8, handler.ResponseHeaderEncodingSelector!("Location", null!));
        Assert.NotNull(handler.SslOptions.RemoteCertificateValidationCallback);
        Assert.NotNull(handler.ConnectCallback);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLinkChecking();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
