namespace Serverless.Storage.S3;

/// <summary>
/// Where the S3-compatible object store is and how to reach it; configuration section <c>S3</c>
/// (environment <c>S3__Endpoint</c>, <c>S3__AccessKey</c>, ...). Checked at start-up by <see cref="S3StorageOptionsValidator"/>.
/// </summary>
public sealed class S3StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "S3";

    /// <summary>The region used to sign requests when none is configured.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>How long a presigned URL used for reads stays valid.</summary>
    public static readonly TimeSpan PresignedReadExpiry = TimeSpan.FromMinutes(15);

    /// <summary><c>host:port</c> without a scheme, e.g. <c>127.0.0.1:7480</c> or <c>s3.fr-par.scw.cloud:443</c>.</summary>
    public string? Endpoint { get; set; }

    public string? AccessKey { get; set; }

    /// <summary>Never logged nor shown in error messages.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The one bucket this application writes to; created at start-up when missing.</summary>
    public string? Bucket { get; set; }

    /// <summary>True for https. Off only for a loopback test server.</summary>
    public bool UseSsl { get; set; }

    /// <summary>The signing region; must match the provider's (SigV4 fails otherwise).</summary>
    public string Region { get; set; } = DefaultRegion;
}
