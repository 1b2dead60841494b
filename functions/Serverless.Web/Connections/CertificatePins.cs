using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Serverless.Web.Connections;

/// <summary>
/// Server certificates accepted by their SHA-256 thumbprint despite chain or name errors
/// (<see cref="SafeHttpOptions.PinnedCertificates"/>): a private CA's server, a test's loopback TLS. Every other
/// certificate must pass the platform's ordinary validation.
/// </summary>
internal static class CertificatePins
{
    /// <summary>The thumbprint as compared: hex digits only, upper case.</summary>
    public static string Normalize(string thumbprint) =>
        new([.. thumbprint.Where(c => c is not (':' or ' ' or '-')).Select(char.ToUpperInvariant)]);

    public static bool IsWellFormed(string thumbprint)
    {
        var normalized = Normalize(thumbprint);
        return normalized.Length == 64 && normalized.All(char.IsAsciiHexDigitUpper);
    }

    /// <summary>A validation callback that also accepts the pinned certificates, or null (platform validation alone)
    /// when nothing is pinned.</summary>
    public static RemoteCertificateValidationCallback? Callback(IEnumerable<string> thumbprints)
    {
        var pinned = thumbprints.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        if (pinned.Count == 0)
        {
            return null;
        }

        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (certificate is not null && pinned.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256)));
    }
}
