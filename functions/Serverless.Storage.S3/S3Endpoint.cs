using System.Diagnostics.CodeAnalysis;

namespace Serverless.Storage.S3;

/// <summary>Parses the <c>host:port</c> form of <see cref="S3StorageOptions.Endpoint"/>.</summary>
internal static class S3Endpoint
{
    public static bool TryParse(string endpoint, [NotNullWhen(true)] out string? host, out int port, [NotNullWhen(false)] out string? error)
    {
        host = null;
        port = 0;
        if (endpoint.Contains("://", StringComparison.Ordinal))
        {
            error = "give host:port without a scheme; set UseSsl for https";
            return false;
        }

        // Borrow Uri's parser so that "[::1]:7480" and host names are handled alike.
        if (!Uri.TryCreate("http://" + endpoint.Trim(), UriKind.Absolute, out var uri)
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "expected host:port, e.g. 127.0.0.1:7480";
            return false;
        }

        if (uri.IsDefaultPort && !endpoint.TrimEnd().EndsWith(":80", StringComparison.Ordinal))
        {
            error = "the port is missing: expected host:port, e.g. 127.0.0.1:7480";
            return false;
        }

        host = uri.Host;
        port = uri.Port;
        error = null;
        return true;
    }
}
