namespace Serverless.Tenders.Ports;

/// <summary>
/// Object storage as the tender domain needs it. Implemented by the S3 adapter.
/// Keys are opaque strings; content is always streamed.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any object there.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="content">The bytes, read to the end.</param>
    /// <param name="contentType">The MIME type stored with the object.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <param name="size">The exact length when known, else -1 (the adapter then uploads in parts).</param>
    Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken cancellationToken);

    /// <summary>Size and content type of an object, or null when there is none.</summary>
    Task<StoredObjectInfo?> StatAsync(string key, CancellationToken cancellationToken);

    /// <summary>Opens the object (or the byte range <paramref name="range"/> of it) for reading; null when absent.</summary>
    Task<Stream?> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken);

    /// <summary>Removes the object; no error when it is already gone.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>What the store knows of an object.</summary>
public sealed record StoredObjectInfo(string Key, long Size, string ContentType);

/// <summary>An inclusive byte range, as HTTP <c>Range: bytes=From-To</c> (To null = to the end).</summary>
public sealed record ByteRange(long From, long? To);
