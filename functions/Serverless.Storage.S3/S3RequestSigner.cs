using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Storage.S3;

/// <summary>
/// Builds and signs (AWS Signature Version 4, in the Authorization header) the few S3 requests the uploader sends
/// itself: PUT object, and the multipart calls that MinIO SDK 7.0.0 does not expose (initiate, upload part, complete,
/// abort). The SDK's own signer is internal to it.
/// </summary>
internal sealed class S3RequestSigner(S3StorageOptions options, string host, int port)
{
    /// <summary>The SHA-256 of an empty payload, as SigV4 wants it for requests without a body.</summary>
    public const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Service = "s3";
    private const string SignedHeaders = "host;x-amz-content-sha256;x-amz-date";

    private readonly string _region = options.Region;
    private readonly string _accessKey = options.AccessKey ?? throw new InvalidOperationException("S3:AccessKey is not set.");
    private readonly byte[] _secret = Encoding.UTF8.GetBytes("AWS4" + (options.SecretKey ?? throw new InvalidOperationException("S3:SecretKey is not set.")));
    private readonly string _scheme = options.UseSsl ? "https" : "http";

    // The Host header HttpClient sends: the port only when it is not the scheme's default.
    private readonly string _hostHeader = (options.UseSsl ? port == 443 : port == 80) ? HostName(host) : $"{HostName(host)}:{port}";

    /// <summary>A signed request for <paramref name="bucket"/>/<paramref name="key"/> with the query pairs given.</summary>
    /// <remarks>The payload hash is the lower-case hex SHA-256 of the content's bytes (<see cref="EmptyPayloadSha256"/> for none).</remarks>
    public HttpRequestMessage Create(HttpMethod method, string bucket, string key, IReadOnlyList<KeyValuePair<string, string>> query,
        HttpContent? content, string payloadSha256, DateTimeOffset now)
    {
        var path = "/" + Encode(bucket, keepSlash: false) + "/" + Encode(key, keepSlash: true);
        var canonicalQuery = string.Join('&', query
            .Select(p => (Name: Encode(p.Key, keepSlash: false), Value: Encode(p.Value, keepSlash: false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var scope = $"{date}/{_region}/{Service}/aws4_request";

        var canonicalRequest = string.Join('\n',
            method.Method,
            path,
            canonicalQuery,
            $"host:{_hostHeader}",
            $"x-amz-content-sha256:{payloadSha256}",
            $"x-amz-date:{amzDate}",
            string.Empty,
            SignedHeaders,
            payloadSha256);
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var signingKey = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(date));
        signingKey = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(_region));
        signingKey = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(Service));
        signingKey = HMACSHA256.HashData(signingKey, "aws4_request"u8);
        var signature = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

        var uri = $"{_scheme}://{_hostHeader}{path}{(canonicalQuery.Length > 0 ? "?" + canonicalQuery : "")}";
        var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Absolute)) { Content = content };
        request.Headers.Host = _hostHeader;
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadSha256);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={_accessKey}/{scope}, SignedHeaders={SignedHeaders}, Signature={signature}");
        return request;
    }

    /// <summary>Lower-case hex, as SigV4 wants hashes.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>SigV4's URI encoding: every byte but the unreserved characters (and '/' in object keys) as %XX, upper-case.</summary>
    private static string Encode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string HostName(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
