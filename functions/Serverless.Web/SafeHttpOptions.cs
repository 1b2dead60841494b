namespace Serverless.Web;

/// <summary>
/// Limits for outbound HTTP to user-supplied URLs, bound from the <c>OutboundHttp</c> configuration section.
/// </summary>
public sealed class SafeHttpOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "OutboundHttp";

    /// <summary>Default for <see cref="MaxResponseBytes"/>: 100 MiB.</summary>
    public const long DefaultMaxResponseBytes = 100L * 1024 * 1024;

    /// <summary>Default for <see cref="MaxRedirects"/>.</summary>
    public const int DefaultMaxRedirects = 5;

    /// <summary>Default for <see cref="UserAgent"/>: names the software, not the operator or the machine.</summary>
    public const string DefaultUserAgent = "Serverless/1.0 (+https://example.invalid)";

    /// <summary>Default for <see cref="ConnectTimeout"/>.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default for <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Networks in CIDR notation (for example <c>127.0.0.0/8</c>, <c>fd00::/8</c>) that may be reached although they are
    /// not public. Empty by default: only public addresses are reached. Unspecified, multicast and broadcast addresses
    /// are never reached; a cloud metadata address only when listed as a single address (<c>/32</c> or <c>/128</c>).
    /// </summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];

    /// <summary>Time allowed for name resolution plus the TCP and TLS handshakes of one connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>
    /// Time allowed for the whole fetch: every redirect hop, the response headers and reading the body.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The most body bytes a caller may read from one response.</summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The most redirects followed for one fetch; 0 refuses every redirect.</summary>
    public int MaxRedirects { get; set; } = DefaultMaxRedirects;

    /// <summary>The User-Agent header sent with every request.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>
    /// Connection overrides like curl's <c>--connect-to</c>, each <c>host:port=ip:port</c> (<c>OutboundHttp:ConnectTo:0</c>,
    /// <c>:1</c>...): a connection for <c>host:port</c> goes to <c>ip:port</c>, without DNS, while the request keeps its
    /// Host header and TLS server name. <c>*</c> as host matches every host on that port (<c>*:443=127.0.0.1:8443</c>);
    /// a rule for the exact host wins over it. The target address must still pass <see cref="AllowedPrivateNetworks"/>.
    /// Empty by default. Meant for tests and for split-horizon setups.
    /// </summary>
    public List<string> ConnectTo { get; set; } = [];

    /// <summary>
    /// SHA-256 thumbprints (64 hex digits, colons allowed) of server certificates accepted although their chain or
    /// name does not validate: a private CA's server, a test's self-signed loopback server. Every other certificate
    /// must validate normally. Empty by default.
    /// </summary>
    public List<string> PinnedCertificates { get; set; } = [];
}
