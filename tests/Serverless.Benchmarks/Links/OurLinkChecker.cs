using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Links.Checking;
using Serverless.Web;

namespace Serverless.Benchmarks.Links;

/// <summary>
/// Our checker as the function app gets it (<see cref="LinkCheckingServiceCollectionExtensions.AddLinkChecking"/>),
/// in a container of its own: a fresh one per round, so no round inherits another's per-host state or connections,
/// as linkinator starts each check afresh. Only what fairness needs is set: the global concurrency (linkinator's
/// <c>--concurrency</c>), no retries (linkinator retries nothing unless asked) and loopback allowed; per-host politeness
/// keeps its defaults (10 requests in flight and 50 ms between starts per host), which linkinator does not have.
/// </summary>
internal sealed class OurLinkChecker : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OurLinkChecker(ServiceProvider services)
    {
        _services = services;
        Checker = services.GetRequiredService<ILinkChecker>();
    }

    public ILinkChecker Checker { get; }

    public static OurLinkChecker Create(int maxConcurrency)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{LinkCheckerOptions.SectionName}:{nameof(LinkCheckerOptions.MaxConcurrency)}"] = maxConcurrency.ToString(CultureInfo.InvariantCulture),
                [$"{LinkCheckerOptions.SectionName}:{nameof(LinkCheckerOptions.MaxRetries)}"] = "0",
                [$"{SafeHttpOptions.SectionName}:{nameof(SafeHttpOptions.AllowedPrivateNetworks)}:0"] = "127.0.0.0/8",
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddLinkChecking()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new OurLinkChecker(services);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
