using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Links.Ports;
using Serverless.Testing.Wayback;
using Serverless.Web.Wayback;

namespace Serverless.Web.Tests.Wayback;

/// <summary>A container built the way the app builds it: configuration, <see cref="WaybackServiceCollectionExtensions.AddWaybackArchive"/>
/// and an in-memory save-request log, with both base URLs pointed at one simulator.</summary>
internal sealed class WaybackServices : IDisposable
{
    public const string AccessKey = "test-access";
    public const string SecretKey = "test-secret-do-not-log";

    private readonly ServiceProvider _provider;

    private WaybackServices(ServiceProvider provider, InMemorySaveRequestLog log) => (_provider, SaveLog) = (provider, log);

    public InMemorySaveRequestLog SaveLog { get; }

    public IServiceProvider Services => _provider;

    public static WaybackServices For(WaybackSimulator simulator, bool withKeys = true, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null) =>
        For(simulator.BaseUrl, withKeys, settings, logs);

    public static WaybackServices For(string baseUrl, bool withKeys = true, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Wayback:AvailabilityBaseUrl"] = baseUrl,
            ["Wayback:WebBaseUrl"] = baseUrl,
            ["Wayback:StatusPollInterval"] = "00:00:00.020",
            ["Wayback:StatusPollTimeout"] = "00:00:05",
            ["Wayback:Timeout"] = "00:00:05",
        };
        if (withKeys)
        {
            values["Wayback:AccessKey"] = AccessKey;
            values["Wayback:SecretKey"] = SecretKey;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        var log = new InMemorySaveRequestLog();
        services.AddSingleton<ISaveRequestLog>(log);
        services.AddWaybackArchive();
        return new WaybackServices(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), log);
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose() => _provider.Dispose();
}
