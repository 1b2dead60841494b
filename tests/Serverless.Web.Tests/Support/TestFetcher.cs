using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Web.Connections;

namespace Serverless.Web.Tests.Support;

/// <summary>
/// The fetcher exactly as <see cref="SafeHttpServiceCollectionExtensions.AddSafeHttp"/> wires it, from configuration
/// settings, with the resolver and the socket dialer replaced by recording fakes.
/// </summary>
internal sealed class TestFetcher : IDisposable
{
    private readonly ServiceProvider _services;

    private TestFetcher(ServiceProvider services, FakeResolver resolver, GuardedDialer dialer)
    {
        _services = services;
        Resolver = resolver;
        Dialer = dialer;
        Fetcher = services.GetRequiredService<SafeHttpFetcher>();
    }

    public SafeHttpFetcher Fetcher { get; }

    public FakeResolver Resolver { get; }

    public GuardedDialer Dialer { get; }

    public static TestFetcher Create(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        FakeResolver? resolver = null,
        GuardedDialer? dialer = null)
    {
        resolver ??= new FakeResolver();
        dialer ??= new GuardedDialer();
        var services = BuildServices(settings);
        services.AddSingleton<IHostAddressResolver>(resolver);
        services.AddSingleton<ISocketDialer>(dialer);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new TestFetcher(provider, resolver, dialer);
    }

    /// <summary>A service collection with configuration and <c>AddSafeHttp</c>, nothing replaced.</summary>
    public static ServiceCollection BuildServices(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSafeHttp();
        return services;
    }

    /// <summary>Configuration entries for <c>OutboundHttp:AllowedPrivateNetworks</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Allow(params string[] networks) =>
        networks.Select((network, i) => new KeyValuePair<string, string?>($"OutboundHttp:AllowedPrivateNetworks:{i}", network));

    public static KeyValuePair<string, string?> Setting(string name, string value) => new($"OutboundHttp:{name}", value);

    public void Dispose() => _services.Dispose();
}
