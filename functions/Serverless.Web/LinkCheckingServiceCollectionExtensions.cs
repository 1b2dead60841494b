using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Links.Checking;
using Serverless.Links.Ports;
using Serverless.Web.Addresses;
using Serverless.Web.Connections;
using Serverless.Web.Links;

namespace Serverless.Web;

/// <summary>Registers the link checker and its HTTP transport.</summary>
public static class LinkCheckingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ILinkChecker"/> (the singleton <see cref="LinkChecker"/>: politeness is process-wide), its
    /// <see cref="ILinkTransport"/> on the guarded HTTP client, <see cref="LinkCheckerOptions"/> bound from the
    /// <c>LinkChecker</c> section and <see cref="SafeHttpOptions"/> from <c>OutboundHttp</c> (connect timeout,
    /// allowed private networks, <c>ConnectTo</c>, <c>PinnedCertificates</c>), both validated at start-up, and
    /// <see cref="TimeProvider.System"/> unless one is registered. Needs an <c>IConfiguration</c> in the container.
    /// </summary>
    public static IServiceCollection AddLinkChecking(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOutboundGuard();
        services.AddOptions<LinkCheckerOptions>()
            .BindConfiguration(LinkCheckerOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinkCheckerOptions>, LinkCheckerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Each request carries its own deadline (LinkChecker:Timeout).
        services.AddGuardedHttpClient(HttpLinkTransport.HttpClientName, CreateHandler);

        services.TryAddSingleton<ILinkTransport>(sp => new HttpLinkTransport(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<OutboundAddressPolicy>(),
            sp.GetRequiredService<IOptions<SafeHttpOptions>>().Value));
        services.TryAddSingleton<ILinkChecker, LinkChecker>();
        return services;
    }

    internal static SocketsHttpHandler CreateHandler(SafeHttpOptions options, SafeConnector connector)
    {
        var handler = SafeHttpServiceCollectionExtensions.CreateHandler(options, connector);

        // Browsers send Accept-Encoding, and only the first kilobytes are read, so a compressed body costs nothing.
        handler.AutomaticDecompression = DecompressionMethods.All;

        // Servers send raw UTF-8 in Location (/café); read as Latin-1 it would become another URL.
        handler.ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8;

        // A GET is abandoned after its first kilobytes: close the connection rather than download a large file to reuse it.
        handler.MaxResponseDrainSize = 64 * 1024;
        return handler;
    }
}
