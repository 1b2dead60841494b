using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Serverless.Storage.S3;

/// <summary>
/// Writes objects: one signed PUT when the content fits in one part, else an S3 multipart upload of
/// <see cref="PartSize"/> parts sent one after another, from two buffers rented from the shared pool (one is sent while the
/// next part is read into the other).
/// </summary>
/// <remarks>
/// MinIO SDK 7.0.0 uploads in 16 MiB parts and allocates two new arrays per part (the part it reads, then a copy it
/// reads back from the sent request), so a 200 MB upload made about 400 MB of large-object garbage and the process grew
/// by some 270 MB before the collector caught up. Here two part buffers (16 MiB) per upload in flight are all the memory
/// an upload takes, whatever its length, and they go back to the pool for the next upload. Nothing retries here (the caller's layer does); a failed multipart upload is aborted so
/// the server drops its parts.
/// </remarks>
internal sealed class S3Uploader(S3RequestSigner signer, Func<HttpClient> httpClient, string bucket)
{
    /// <summary>
    /// 8 MiB: above S3's 5 MiB minimum for all parts but the last, and 10,000 parts (S3's maximum) hold 78 GiB. Larger
    /// parts gain nothing on a local network and cost memory per upload in flight.
    /// </summary>
    public const int PartSize = 8 * 1024 * 1024;

    /// <summary>S3's limit on the number of parts of one upload.</summary>
    public const int MaxParts = 10_000;

    private const string Operation = "put";

    private static readonly KeyValuePair<string, string>[] NoQuery = [];

    public async Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken cancellationToken)
    {
        // A known size decides the part size (larger than the default only beyond 10,000 parts); an unknown one
        // reads a part ahead to learn whether the content fits in one request.
        var partSize = size > (long)PartSize * MaxParts ? (int)Math.Min(int.MaxValue - 64, (size + MaxParts - 1) / MaxParts) : PartSize;
        var bufferSize = size >= 0 && size < partSize ? (int)size : partSize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 1));
        try
        {
            var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, bufferSize), bufferSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (size >= 0 && size < partSize && read != size)
            {
                throw new ObjectStoreException(Operation, bucket, key, $"the content ended after {read} of the {size} bytes announced");
            }

            if (read < partSize)
            {
                await SendAsync(HttpMethod.Put, key, NoQuery, buffer.AsMemory(0, read), contentType, cancellationToken).ConfigureAwait(false);
                return;
            }

            await MultipartAsync(key, content, contentType, buffer, partSize, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Uploads <paramref name="first"/> (a full first part) and the rest of <paramref name="content"/> as parts. While a
    /// part is sent, the next one is read into a second buffer, so the source and the server are busy at once.
    /// </summary>
    private async Task MultipartAsync(string key, Stream content, string contentType, byte[] first, int partSize, CancellationToken cancellationToken)
    {
        var uploadId = await InitiateAsync(key, contentType, cancellationToken).ConfigureAwait(false);
        var second = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var etags = new List<string>();
            var (sending, reading) = (first, second);
            var length = partSize;
            while (length > 0)
            {
                if (etags.Count == MaxParts)
                {
                    throw new ObjectStoreException(Operation, bucket, key, $"the content is longer than {MaxParts} parts of {partSize} bytes");
                }

                var last = length < partSize;
                var (etag, next) = await SendPartAndReadNextAsync(key, uploadId, etags.Count + 1, sending.AsMemory(0, length),
                    last ? null : content, reading.AsMemory(0, partSize), cancellationToken).ConfigureAwait(false);
                etags.Add(etag);
                (sending, reading) = (reading, sending);
                length = next;
            }

            await CompleteAsync(key, uploadId, etags, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortAsync(key, uploadId).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(second);
        }
    }

    /// <summary>
    /// Sends one part and, meanwhile, reads the next from <paramref name="content"/> (null after the last part). Returns
    /// only when both are done, so neither buffer is still in use; a failed send stops the read and is the error reported.
    /// </summary>
    private async Task<(string ETag, int NextLength)> SendPartAndReadNextAsync(string key, string uploadId, int partNumber,
        ReadOnlyMemory<byte> part, Stream? content, Memory<byte> next, CancellationToken cancellationToken)
    {
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = content is null ? Task.FromResult(0) : content.ReadAtLeastAsync(next, next.Length, throwOnEndOfStream: false, stopReading.Token).AsTask();
        string etag;
        try
        {
            var query = new KeyValuePair<string, string>[]
            {
                new("partNumber", partNumber.ToString(CultureInfo.InvariantCulture)),
                new("uploadId", uploadId),
            };
            using var response = await SendAsync(HttpMethod.Put, key, query, part, null, cancellationToken).ConfigureAwait(false);
            etag = response.Headers.ETag?.Tag
                ?? throw new ObjectStoreException(Operation, bucket, key, $"the server answered part {partNumber} without an ETag");
        }
        catch
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            try
            {
                await reading.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The send failure is the one to report; the read was only stopped because of it.
            }

            throw;
        }

        return (etag, await reading.ConfigureAwait(false));
    }

    private async Task<string> InitiateAsync(string key, string contentType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, key, [new("uploads", "")], ReadOnlyMemory<byte>.Empty, contentType, cancellationToken).ConfigureAwait(false);
        var document = await ReadXmlAsync(response, cancellationToken).ConfigureAwait(false);
        var uploadId = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "UploadId")?.Value;
        return string.IsNullOrEmpty(uploadId)
            ? throw new ObjectStoreException(Operation, bucket, key, "the server started a multipart upload without an UploadId")
            : uploadId;
    }

    private async Task CompleteAsync(string key, string uploadId, List<string> etags, CancellationToken cancellationToken)
    {
        var body = new StringBuilder("<CompleteMultipartUpload>");
        for (var i = 0; i < etags.Count; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{i + 1}</PartNumber><ETag>{System.Security.SecurityElement.Escape(etags[i])}</ETag></Part>");
        }

        body.Append("</CompleteMultipartUpload>");
        using var response = await SendAsync(HttpMethod.Post, key, [new("uploadId", uploadId)], Encoding.UTF8.GetBytes(body.ToString()), "application/xml", cancellationToken)
            .ConfigureAwait(false);

        // S3 may answer 200 and report a failure in the body, sent after a wait.
        var document = await ReadXmlAsync(response, cancellationToken).ConfigureAwait(false);
        if (document.Root?.Name.LocalName == "Error")
        {
            var code = document.Root.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            throw new ObjectStoreException(Operation, bucket, key, $"completing the multipart upload failed: {code ?? "unknown error"}");
        }
    }

    /// <summary>Best effort: the upload failed already, and the server drops abandoned uploads by its own lifecycle too.</summary>
    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Delete, key, [new("uploadId", uploadId)], ReadOnlyMemory<byte>.Empty, null, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectStoreException or HttpRequestException or OperationCanceledException)
        {
            // The original failure is what the caller needs to see.
        }
    }

    /// <summary>Sends a signed request; a non-success answer becomes an <see cref="ObjectStoreException"/> with the server's code.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string key, IReadOnlyList<KeyValuePair<string, string>> query,
        ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken)
    {
        var hash = body.IsEmpty ? S3RequestSigner.EmptyPayloadSha256 : S3RequestSigner.Hex(SHA256.HashData(body.Span));
        HttpContent? content = null;
        if (!body.IsEmpty || method != HttpMethod.Delete)
        {
            content = new ReadOnlyMemoryContent(body);
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        using var request = signer.Create(method, bucket, key, query, content, hash, DateTimeOffset.UtcNow);
        var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var code = await S3ErrorBody.ReadCodeAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ObjectStoreException(Operation, bucket, key, Describe(response.StatusCode, code));
        }
    }

    private static string Describe(HttpStatusCode status, string? code) => code switch
    {
        "NoSuchBucket" => "the bucket does not exist (it is created at start-up; check S3:Bucket)",
        "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" => $"access denied ({code}); check S3:AccessKey, S3:SecretKey and S3:Region",
        _ => $"HTTP {(int)status} {code ?? status.ToString()}",
    };

    private static async Task<XDocument> ReadXmlAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Answers of our own server, small; no DTDs all the same.
        using var reader = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, Async = true });
        return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
    }
}
