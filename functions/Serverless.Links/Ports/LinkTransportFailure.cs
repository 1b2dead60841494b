namespace Serverless.Links.Ports;

/// <summary>Why a request got no HTTP response.</summary>
public enum LinkTransportFailure
{
    /// <summary>The host name does not exist (NXDOMAIN, or a name under <c>.invalid</c>).</summary>
    DnsNotFound,

    /// <summary>Nothing listens on the port: the TCP connection was refused.</summary>
    ConnectionRefused,

    /// <summary>The server closed or reset the connection before a complete response.</summary>
    ConnectionReset,

    /// <summary>No TCP/TLS connection within the connect timeout.</summary>
    ConnectTimeout,

    /// <summary>Connected, but the response did not arrive within the request's timeout.</summary>
    Timeout,

    /// <summary>The TLS handshake failed: untrusted or mismatched certificate, protocol mismatch.</summary>
    Tls,

    /// <summary>The host is, or resolves to, or is redirected onto an address outbound HTTP may not reach.</summary>
    BlockedAddress,

    /// <summary>The response headers exceeded the transport's limit.</summary>
    TooLarge,

    /// <summary>Anything else (malformed response, transient resolver failure...).</summary>
    Other,
}
