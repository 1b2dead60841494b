using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serverless.Web.Connections;

namespace Serverless.Web.Tests.Connections;

public sealed class CertificatePinsTests
{
    [Theory]
    [InlineData("ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89", true)]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", true)]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF01", false)] // 40 digits: a SHA-1 thumbprint
    [InlineData("XYZDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", false)]
    public void IsWellFormed_Thumbprint_AcceptsOnlySha256Hex(string thumbprint, bool expected)
    {
        Assert.Equal(expected, CertificatePins.IsWellFormed(thumbprint));
    }

    [Fact]
    public void Callback_NothingPinned_LeavesPlatformValidationAlone()
    {
        Assert.Null(CertificatePins.Callback([]));
    }

    [Fact]
    public void Callback_PinnedCertificateWithErrors_IsAcceptedAndOthersAreNot()
    {
        using var pinned = SelfSigned("CN=pinned.test");
        using var other = SelfSigned("CN=other.test");
        var thumbprint = string.Join(':', Convert.ToHexString(SHA256.HashData(pinned.RawData)).Chunk(2).Select(c => new string(c)).Select(s => s.ToLowerInvariant()));
        var callback = CertificatePins.Callback([thumbprint])!;
        const SslPolicyErrors errors = SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch;

        Assert.True(callback(this, pinned, null, errors));
        Assert.False(callback(this, other, null, errors));
        Assert.True(callback(this, other, null, SslPolicyErrors.None));
        Assert.False(callback(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create();
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
