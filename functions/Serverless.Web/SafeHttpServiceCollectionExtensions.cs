using System.Net;
using System.Net.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Web.Addresses;
using Serverless.Web.Connections;

namespace Serverless.Web;

/// <summary>Registers <see cref="SafeHttpFetcher"/> and its options.</summary>
public static class SafeHttpServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SafeHttpFetcher"/> (transient), its HttpClient and <see cref="SafeHttpOptions"/> bound from the
    /// <c>OutboundHttp</c> section and validated at start-up. Needs an <c>IConfiguration</c> in the container.
    /// </summary>
    public static IServiceCollection AddSafeHttp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOutboundGuard();

        // The fetcher keeps its own deadline across redirects and the body.
        services.AddGuardedHttpClient(SafeHttpFetcher.HttpClientName, CreateHandler);

        services.TryAddTransient(sp => new SafeHttpFetcher(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SafeHttpFetcher.HttpClientName),
            sp.GetRequiredService<IOptions<SafeHttpOptions>>().Value,
            sp.GetRequiredService<OutboundAddressPolicy>()));

        return services;
    }

    /// <summary>
    /// A named HttpClient on the guarded handler <paramref name="createHandler"/> makes: HTTP/1.1 only (QUIC would bypass
    /// the connect callback) and no client timeout, since each caller keeps its own deadline and a second timer would race it.
    /// </summary>
    internal static IServiceCollection AddGuardedHttpClient(this IServiceCollection services, string name,
        Func<SafeHttpOptions, SafeConnector, SocketsHttpHandler> createHandler)
    {
        services.AddHttpClient(name, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestVersion = HttpVersion.Version11;
                client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => createHandler(
                sp.GetRequiredService<IOptions<SafeHttpOptions>>().Value,
                sp.GetRequiredService<SafeConnector>()));
        return services;
    }

    /// <summary>What every outbound client shares: <see cref="SafeHttpOptions"/> (section <c>OutboundHttp</c>), the
    /// address policy and the vetting connect callback. Safe to call more than once.</summary>
    internal static IServiceCollection AddOutboundGuard(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SafeConnector)))
        {
            return services;
        }

        services.AddOptions<SafeHttpOptions>()
            .BindConfiguration(SafeHttpOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SafeHttpOptions>, SafeHttpOptionsValidator>());

        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.TryAddSingleton<ISocketDialer, TcpSocketDialer>();
        services.TryAddSingleton(sp => OutboundAddressPolicy.From(sp.GetRequiredService<IOptions<SafeHttpOptions>>().Value));
        services.TryAddSingleton(sp => ConnectToTable.From(sp.GetRequiredService<IOptions<SafeHttpOptions>>().Value));
        services.TryAddSingleton(sp => new SafeConnector(
            sp.GetRequiredService<OutboundAddressPolicy>(),
            sp.GetRequiredService<IHostAddressResolver>(),
            sp.GetRequiredService<ISocketDialer>(),
            sp.GetRequiredService<ConnectToTable>()));
        return services;
    }

    internal static SocketsHttpHandler CreateHandler(SafeHttpOptions options, SafeConnector connector) => new()
    {
        // Every connection goes through the vetting callback, which also bounds name resolution by ConnectTimeout.
        ConnectCallback = connector.ConnectAsync,
        ConnectTimeout = options.ConnectTimeout,

        // A proxy would receive the vetted connection and then reach whatever address it likes.
        UseProxy = false,
        Proxy = null,

        // Redirects are followed by the fetcher, which vets each hop.
        AllowAutoRedirect = false,

        // Nothing of one user's fetch may leak into another's.
        UseCookies = false,
        Credentials = null,
        PreAuthenticate = false,

        // The body is handed over exactly as served (no Accept-Encoding is sent), and the byte limit counts those bytes.
        AutomaticDecompression = DecompressionMethods.None,

        // Platform validation, plus the certificates pinned in OutboundHttp:PinnedCertificates.
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = CertificatePins.Callback(options.PinnedCertificates),
        },
    };
}
