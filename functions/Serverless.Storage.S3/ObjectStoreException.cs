namespace Serverless.Storage.S3;

/// <summary>
/// An object store operation failed. Whatever the SDK or the server threw is the inner exception;
/// the message names the operation, the bucket and the key (never credentials or presigned URLs).
/// </summary>
public sealed class ObjectStoreException : Exception
{
    public ObjectStoreException(string operation, string bucket, string? key, string detail, Exception? innerException = null)
        : base(Describe(operation, bucket, key, detail), innerException)
    {
        Operation = operation;
        Bucket = bucket;
        Key = key;
    }

    /// <summary>What was attempted: <c>put</c>, <c>stat</c>, <c>read</c>, <c>delete</c>, <c>ensure-bucket</c>.</summary>
    public string Operation { get; }

    public string Bucket { get; }

    /// <summary>The object key, or null for bucket operations.</summary>
    public string? Key { get; }

    private static string Describe(string operation, string bucket, string? key, string detail) =>
        key is null
            ? $"S3 {operation} on bucket '{bucket}' failed: {detail}"
            : $"S3 {operation} of '{key}' in bucket '{bucket}' failed: {detail}";
}
