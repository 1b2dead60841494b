using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.S3;

/// <summary>
/// <see cref="IObjectStore"/> on an S3-compatible server through the MinIO SDK, for the one bucket of
/// <see cref="S3StorageOptions.Bucket"/>. Reads go through a presigned GET and <see cref="HttpClient"/>
/// because ranged GETs are broken in MinIO SDK 7.0.0 (it treats 206 as an error). Every failure leaves
/// this class as an <see cref="ObjectStoreException"/>; nothing here retries. Writes go through <see cref="S3Uploader"/>,
/// which streams in bounded parts from one pooled buffer.
/// </summary>
internal sealed partial class S3ObjectStore : IObjectStore
{
    /// <summary>The <see cref="IHttpClientFactory"/> client used for presigned reads.</summary>
    internal const string HttpClientName = "Serverless.Storage.S3";

    internal const string DefaultContentType = "application/octet-stream";

    private readonly IMinioClient _minio;
    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger<S3ObjectStore> _logger;
    private readonly string _bucket;
    private readonly string _region;
    private readonly S3Uploader _uploader;

    public S3ObjectStore(IMinioClient minio, IHttpClientFactory httpClients, IOptions<S3StorageOptions> options, ILogger<S3ObjectStore> logger)
    {
        _minio = minio;
        _httpClients = httpClients;
        _logger = logger;
        _bucket = options.Value.Bucket ?? throw new InvalidOperationException("S3:Bucket is not set.");
        _region = options.Value.Region;
        if (!S3Endpoint.TryParse(options.Value.Endpoint ?? "", out var host, out var port, out var error))
        {
            throw new InvalidOperationException($"S3:Endpoint: {error}");
        }

        _uploader = new S3Uploader(new S3RequestSigner(options.Value, host, port), () => _httpClients.CreateClient(HttpClientName), _bucket);
    }

    public async Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, -1);

        try
        {
            // Not through the SDK: see S3Uploader for why.
            await _uploader.PutAsync(key, content, size, string.IsNullOrWhiteSpace(contentType) ? DefaultContentType : contentType, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("put", key, e);
        }

        LogPut(key, size);
    }

    public async Task<StoredObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            var stat = await _minio.StatObjectAsync(new StatObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken)
                .ConfigureAwait(false);
            return new StoredObjectInfo(key, stat.Size, string.IsNullOrEmpty(stat.ContentType) ? DefaultContentType : stat.ContentType);
        }
        catch (Exception e) when (IsObjectNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("stat", key, e);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (range is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(range.From, nameof(range));
            if (range.To is { } to)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(to, range.From, nameof(range));
            }
        }

        string url;
        try
        {
            // Signing is local: no request leaves the process here.
            url = await _minio.PresignedGetObjectAsync(new PresignedGetObjectArgs()
                    .WithBucket(_bucket)
                    .WithObject(key)
                    .WithExpiry((int)S3StorageOptions.PresignedReadExpiry.TotalSeconds))
                .ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("read", key, e);
        }

        HttpResponseMessage response;
        using (var request = new HttpRequestMessage(HttpMethod.Get, url))
        {
            if (range is not null)
            {
                request.Headers.Range = new RangeHeaderValue(range.From, range.To);
            }

            try
            {
                response = await _httpClients.CreateClient(HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                // Exception texts of HttpClient do not include the URL, so the signature stays out of logs.
                throw Failure("read", key, e);
            }
        }

        var keepResponse = false;
        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK when range is null:
                case HttpStatusCode.PartialContent when range is not null:
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    keepResponse = true;
                    return new HttpResponseStream(response, body);
                case HttpStatusCode.OK:
                    throw new ObjectStoreException("read", _bucket, key,
                        $"the server ignored the range {FormatRange(range!)} and sent the whole object");
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    throw new ObjectStoreException("read", _bucket, key,
                        $"the range {FormatRange(range!)} starts beyond the end of the object");
            }

            var code = await S3ErrorBody.ReadCodeAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && code is null or "NoSuchKey")
            {
                return null;
            }

            throw new ObjectStoreException("read", _bucket, key,
                $"the server answered {(int)response.StatusCode} {code ?? response.ReasonPhrase}");
        }
        finally
        {
            if (!keepResponse)
            {
                response.Dispose();
            }
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await _minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (IsObjectNotFound(e))
        {
            // Already gone: S3 itself answers 204 here, but some servers say 404.
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("delete", key, e);
        }
    }

    /// <summary>Creates the configured bucket when it does not exist yet. Safe to run from several instances at once.</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await BucketExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var args = new MakeBucketArgs().WithBucket(_bucket);
            if (!string.Equals(_region, S3StorageOptions.DefaultRegion, StringComparison.Ordinal))
            {
                args = args.WithLocation(_region);
            }

            try
            {
                await _minio.MakeBucketAsync(args, cancellationToken).ConfigureAwait(false);
                LogBucketCreated(_bucket);
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                // Another instance may have created it between the two calls (BucketAlreadyOwnedByYou).
                if (!await BucketExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("ensure-bucket", null, e);
        }
    }

    private Task<bool> BucketExistsAsync(CancellationToken cancellationToken) =>
        _minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket), cancellationToken);

    private ObjectStoreException Failure(string operation, string? key, Exception e) =>
        e as ObjectStoreException ?? new ObjectStoreException(operation, _bucket, key, Describe(e), e);

    private static bool IsObjectNotFound(Exception e) =>
        e is ObjectNotFoundException
        || (e is MinioException m && m is not BucketNotFoundException && m.Response?.Code is "NoSuchKey");

    /// <summary>Everything but our own cancellation and fatal runtime errors is a store failure to report.</summary>
    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) =>
        e is not (OutOfMemoryException or StackOverflowException or AccessViolationException)
        && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e)
    {
        switch (e)
        {
            case BucketNotFoundException:
                return "the bucket does not exist (it is created at start-up; check S3:Bucket)";
            case AuthorizationException or AccessDeniedException:
                return $"access denied ({e.GetType().Name}); check S3:AccessKey, S3:SecretKey and S3:Region";
            case MinioException m:
                var code = m.Response?.Code;
                var message = FirstNonEmpty(m.Response?.Message, m.ServerMessage, m.Message);
                var status = m.ServerResponse is { } r && r.StatusCode != 0 ? $"HTTP {(int)r.StatusCode} " : "";
                return $"{status}{code ?? m.GetType().Name}{(message is null ? "" : ": " + message)}";
            case ArgumentNullException { ParamName: "message" }:
                // Ceph sends an empty <Message>; for codes the SDK does not map it then fails building its exception.
                return "the server answered with an error the MinIO SDK could not read (empty error message)";
            case OperationCanceledException:
                return "timed out";
            case HttpRequestException h:
                return $"cannot reach the server ({h.HttpRequestError}): {h.Message}; check S3:Endpoint and S3:UseSsl";
            default:
                return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string FormatRange(ByteRange range) => $"bytes={range.From}-{range.To}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored object {Key} ({Size} bytes; -1 = unknown length)")]
    private partial void LogPut(string key, long size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created bucket {Bucket}")]
    private partial void LogBucketCreated(string bucket);
}
