using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Links.Checking;
using Serverless.Testing.Web;
using Serverless.Web.Connections;
using Serverless.Web.Tests.Support;

namespace Serverless.Web.Tests.Links;

/// <summary>
/// The link checker exactly as <see cref="LinkCheckingServiceCollectionExtensions.AddLinkChecking"/> wires it, from
/// configuration pointing every connection at a <see cref="LoopbackWeb"/>. The resolver knows no name (nothing may
/// reach DNS: every host is overridden by ConnectTo) and the dialer refuses anything but loopback.
/// </summary>
internal sealed class LinkCheckerUnderTest : IDisposable
{
    private readonly ServiceProvider _services;

    private LinkCheckerUnderTest(ServiceProvider services, FakeResolver resolver, GuardedDialer dialer)
    {
        _services = services;
        Resolver = resolver;
        Dialer = dialer;
        Checker = services.GetRequiredService<ILinkChecker>();
    }

    public ILinkChecker Checker { get; }

    public FakeResolver Resolver { get; }

    public GuardedDialer Dialer { get; }

    /// <summary>Settings for <paramref name="web"/>: loopback allowed, its ConnectTo and (unless told not to) its
    /// certificate pinned, small timeouts and delays; then <paramref name="overrides"/> (full keys).</summary>
    public static LinkCheckerUnderTest Create(LoopbackWeb web, bool pinCertificate = true, IEnumerable<string>? extraConnectTo = null, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["OutboundHttp:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
            ["OutboundHttp:ConnectTimeout"] = "00:00:05",
            ["LinkChecker:Timeout"] = "00:00:05",
            ["LinkChecker:HostRequestInterval"] = "00:00:00",
            ["LinkChecker:RetryDelay"] = "00:00:00.050",
            ["LinkChecker:MaxRetries"] = "1",
        };
        var connectTo = (extraConnectTo ?? []).Concat(web.ConnectTo).ToList();
        for (var i = 0; i < connectTo.Count; i++)
        {
            settings[$"OutboundHttp:ConnectTo:{i}"] = connectTo[i];
        }

        if (pinCertificate)
        {
            settings["OutboundHttp:PinnedCertificates:0"] = web.CertificateThumbprint;
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var resolver = new FakeResolver();
        var dialer = new GuardedDialer();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLinkChecking();
        services.AddSingleton<IHostAddressResolver>(resolver);
        services.AddSingleton<ISocketDialer>(dialer);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new LinkCheckerUnderTest(provider, resolver, dialer);
    }

    public async Task<List<LinkCheckResult>> RunAsync(params string[] urls)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var results = new List<LinkCheckResult>();
        await foreach (var result in Checker.CheckAllAsync(urls, timeout.Token))
        {
            results.Add(result);
        }

        return results;
    }

    public async Task<LinkCheckResult> CheckAsync(string url) => Assert.Single(await RunAsync(url));

    public void Dispose() => _services.Dispose();
}
