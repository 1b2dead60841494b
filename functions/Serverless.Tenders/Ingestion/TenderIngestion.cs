using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Tenders.Model;
using Serverless.Tenders.Parsing;
using Serverless.Tenders.Ports;

namespace Serverless.Tenders.Ingestion;

/// <summary>
/// Ingests one notice file: spool it once while hashing (SHA-256) and counting (in memory when small, else to a
/// private temporary file, so memory stays flat whatever the size); answer with the existing record if the same bytes came before;
/// parse; store the original under a content-addressed key; then write the metadata in one transaction.
/// Nothing is stored for a refused file, and a failure after the upload removes the object again unless a
/// record already owns it, so a failed ingestion leaves no orphan and can simply be retried.
/// </summary>
public sealed class TenderIngestion(
    IObjectStore objects,
    ITenderStore tenders,
    IDocumentFetcher fetcher,
    NoticeParser parser,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<TenderIngestion> logger)
{
    private const string XmlContentType = "application/xml";
    private const int CopyBufferSize = 81920;

    /// <summary>The content-addressed key of an original notice file.</summary>
    public static string ObjectKeyFor(string sha256) => $"notices/sha256/{sha256[..2]}/{sha256}";

    /// <summary>Ingests <paramref name="content"/> (read to the end, not disposed).</summary>
    public async Task<IngestOutcome> IngestAsync(Stream content, string? fileName, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxDocumentBytes;
        await using var spool = new IngestionSpool(options.Value.SpoolDirectory ?? Path.GetTempPath());
        var (sha256, size) = await SpoolAsync(content, spool, limit, cancellationToken).ConfigureAwait(false);
        if (size == 0)
        {
            return new IngestOutcome.Rejected(RejectionKind.Empty, ["The body is empty: send a notice file (eForms or TED XML)."]);
        }

        if (size > limit)
        {
            return new IngestOutcome.Rejected(RejectionKind.TooLarge, [$"The file is larger than the limit of {limit} bytes."]);
        }

        // The duplicate lookup runs while this thread parses; its answer still comes first, as if it had been awaited
        // before parsing: known bytes are a duplicate even if the parser would now refuse them.
        var lookup = tenders.FindBySha256Async(sha256, cancellationToken);
        var body = spool.Content;
        body.Position = 0;
        var parsed = parser.Parse(body);
        if (await lookup.ConfigureAwait(false) is { } existing)
        {
            return new IngestOutcome.Duplicate(existing);
        }

        if (!parsed.Succeeded)
        {
            return new IngestOutcome.Rejected(RejectionKind.NotANotice, parsed.Problems);
        }

        var key = ObjectKeyFor(sha256);
        body.Position = 0;
        await objects.PutAsync(key, body, size, XmlContentType, cancellationToken).ConfigureAwait(false);

        var record = parsed.Record! with
        {
            Id = Guid.NewGuid(),
            IngestedAt = clock.GetUtcNow(),
            Documents = [new StoredDocument(key, sha256, size, XmlContentType, CleanFileName(fileName))],
        };
        try
        {
            var (stored, created) = await tenders.InsertAsync(record, cancellationToken).ConfigureAwait(false);
            if (created)
            {
                logger.LogInformation("Ingested tender {Id} ({Format} {NoticeId}, {Size} bytes, sha256 {Sha256})", stored.Id, stored.Format, stored.NoticeId, size, sha256);
                return new IngestOutcome.Created(stored);
            }

            return new IngestOutcome.Duplicate(stored);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            await RemoveUnownedObjectAsync(key, sha256).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Ingests a file already in the bucket (e.g. placed there by a bulk tool); the object itself is left as it is.</summary>
    public async Task<IngestOutcome> IngestObjectAsync(string objectKey, CancellationToken cancellationToken)
    {
        // S3 clients resolve "..", so such a key could name another bucket the credentials reach.
        if (objectKey.StartsWith('/') || objectKey.Contains('\\') || objectKey.Split('/').Any(s => s is "." or "..") || objectKey.Any(char.IsControl))
        {
            return new IngestOutcome.Rejected(RejectionKind.SourceUnavailable, [$"'{objectKey}' is not a valid object key: no leading '/', no '.' or '..' segments, no backslashes or control characters."]);
        }

        await using var content = await objects.OpenReadAsync(objectKey, null, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return new IngestOutcome.Rejected(RejectionKind.SourceUnavailable, [$"There is no object '{objectKey}' in the bucket."]);
        }

        return await IngestAsync(content, objectKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches a notice from a URL (limits and address guard are the fetcher's) and ingests it.</summary>
    public async Task<IngestOutcome> IngestUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        await using var document = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (document.Content is null)
        {
            return new IngestOutcome.Rejected(RejectionKind.SourceUnavailable, [$"Could not fetch {url}: {document.Problem}"]);
        }

        return await IngestAsync(document.Content, document.FileName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a failed metadata write the uploaded object is an orphan unless another ingestion of the same bytes
    /// committed meanwhile. Best effort: if this fails too, the next ingestion of the same file reuses the key.
    /// </summary>
    private async Task RemoveUnownedObjectAsync(string key, string sha256)
    {
        try
        {
            if (await tenders.FindBySha256Async(sha256, CancellationToken.None).ConfigureAwait(false) is null)
            {
                await objects.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not remove object {Key} after a failed ingestion; a retry of the same file will reuse it", key);
        }
    }

    /// <summary>Copies to the spool, hashing on the way; stops reading one byte past the limit.</summary>
    private static async Task<(string Sha256, long Size)> SpoolAsync(Stream content, IngestionSpool spool, long limit, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                size += read;
                if (size > limit)
                {
                    return (string.Empty, size);
                }

                hash.AppendData(buffer, 0, read);
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? CleanFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        // Keep the name only (no client path), without control characters.
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? null : name[..Math.Min(name.Length, 255)];
    }
}
