using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Testing.Web;

/// <summary>
/// A stand-in for the web: one Kestrel server on 127.0.0.1 with an HTTP and an HTTPS listener on random ports,
/// answering by Host header and path, so one server plays any number of sites. Point a client at it with
/// <see cref="ConnectTo"/> (every <c>*:80</c> and <c>*:443</c> connection goes here; the request keeps its Host header
/// and TLS server name) and accept its self-signed certificate by <see cref="CertificateThumbprint"/>.
/// Every request is logged (<see cref="Requests"/>) so tests can check politeness.
/// </summary>
/// <example><code>
/// await using var web = await LoopbackWeb.StartAsync();
/// web.Host("example.org").Path("/gone").Respond(Reply.Status(410))
///                        .Path("/old").Respond(Reply.Redirect(301, "/new"));
/// </code></example>
public sealed class LoopbackWeb : IAsyncDisposable
{
    private static readonly Lazy<X509Certificate2> Certificate = new(CreateCertificate);

    private readonly ConcurrentDictionary<string, HostRules> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<LoggedRequest> _requests = new();
    private readonly List<Func<WebRequest, Reply?>> _functions = [];
    private readonly IPAddress _address;
    private WebApplication? _app;

    private LoopbackWeb(IPAddress address)
    {
        _address = address;
    }

    /// <summary>The loopback address both listeners are on (127.0.0.1 unless started on another).</summary>
    public IPAddress Address => _address;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    /// <summary>The SHA-256 thumbprint of the HTTPS listener's self-signed certificate (upper-case hex).</summary>
    public string CertificateThumbprint { get; } = Certificate.Value.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary><c>OutboundHttp:ConnectTo</c> entries sending every port-80 and port-443 connection here.</summary>
    public IReadOnlyList<string> ConnectTo => [$"*:80={_address}:{HttpPort}", $"*:443={_address}:{HttpsPort}"];

    /// <summary>The reply for hosts and paths without a rule; 404 with a small page unless changed.</summary>
    public Reply Default { get; set; } = Reply.Status(404, "<!DOCTYPE html><html><head><title>Not found</title></head></html>");

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<LoggedRequest> Requests => [.. _requests];

    /// <summary>Starts on <paramref name="address"/> (a loopback address; 127.0.0.1 by default). A dedicated one such as
    /// 127.77.0.1 lets a host allow just the simulation through its private-address guard.</summary>
    public static async Task<LoopbackWeb> StartAsync(IPAddress? address = null)
    {
        var web = new LoopbackWeb(address ?? IPAddress.Loopback);
        await web.StartCoreAsync();
        return web;
    }

    /// <summary>The rules of <paramref name="host"/> (no port), created on first use.</summary>
    public HostRules Host(string host) => _hosts.GetOrAdd(host, _ => new HostRules());

    /// <summary>Adds a function consulted, in order of addition, for requests no host rule answers; null passes.</summary>
    public LoopbackWeb Respond(Func<WebRequest, Reply?> rule)
    {
        lock (_functions)
        {
            _functions.Add(rule);
        }

        return this;
    }

    /// <summary>The requests received for <paramref name="host"/> and <paramref name="path"/>.</summary>
    public IReadOnlyList<LoggedRequest> RequestsTo(string host, string path) =>
        [.. _requests.Where(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase) && r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Lets a Location header carry raw UTF-8, as some real servers send it.
            kestrel.ResponseHeaderEncodingSelector = _ => Encoding.UTF8;
            kestrel.Listen(_address, 0);
            kestrel.Listen(_address, 0, listen => listen.UseHttps(Certificate.Value));
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        _app = app;

        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
        {
            var uri = new Uri(address);
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                HttpsPort = uri.Port;
            }
            else
            {
                HttpPort = uri.Port;
            }
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        var pathAndQuery = path + request.QueryString.Value;
        var host = request.Host.Host;
        _requests.Enqueue(new LoggedRequest(
            request.Method,
            request.Scheme,
            host,
            pathAndQuery,
            request.Headers.Cookie.Count > 0 ? request.Headers.Cookie.ToString() : null,
            request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null,
            DateTimeOffset.UtcNow));

        var reply = _hosts.TryGetValue(host, out var rules) ? rules.Find(path, pathAndQuery) : null;
        if (reply is null)
        {
            var seen = new WebRequest(request.Method, request.Scheme, host, path, request.QueryString.Value ?? string.Empty)
            {
                RawTarget = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? pathAndQuery,
            };
            lock (_functions)
            {
                reply = _functions.Select(f => f(seen)).FirstOrDefault(r => r is not null);
            }
        }

        return (reply ?? Default).RunAsync(context);
    }

    /// <summary>A self-signed certificate made at run time: no key material lives in the repository.</summary>
    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=loopback-web.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("loopback-web.test");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
