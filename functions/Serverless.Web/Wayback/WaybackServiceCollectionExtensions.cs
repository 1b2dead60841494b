using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Links.Archive;
using Serverless.Links.Ports;

namespace Serverless.Web.Wayback;

/// <summary>Registers the Wayback Machine archive step.</summary>
public static class WaybackServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IArchive"/> (<see cref="WaybackArchive"/>, transient), the HTTP <see cref="IWaybackApi"/> with
    /// its HttpClient, <see cref="WaybackOptions"/> bound from the <c>Wayback</c> section and validated at start-up, and
    /// <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered. Expects an
    /// <see cref="ISaveRequestLog"/> from the storage adapter and an <c>IConfiguration</c> in the container.
    /// </summary>
    public static IServiceCollection AddWaybackArchive(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<WaybackOptions>()
            .BindConfiguration(WaybackOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WaybackOptions>, WaybackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<IWaybackApi, WaybackHttpApi>(client =>
            {
                // The adapter keeps its own per-request deadline (Wayback:Timeout); a second timer here would race it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = WaybackHttpApi.MaxAnswerBytes;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(SafeHttpOptions.DefaultUserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Nothing of one archive answer should shape the next request.
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
            })
            // The Authorization header carries the secret key; the factory's request logging must never show it.
            .RedactLoggedHeaders(["Authorization"]);

        services.TryAddTransient<IArchive, WaybackArchive>();
        return services;
    }
}
