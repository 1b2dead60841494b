namespace Serverless.Tenders.Ingestion;

/// <summary>
/// The bytes of one document under ingestion, written once and then read from the start (to parse, then to store), in a
/// private temporary file deleted on dispose. Never in memory: a document is not held whole whatever its size, so
/// memory stays flat however many ingestions run at once (an in-memory spool for small notices was measured: its gain
/// was within the benchmark's noise).
/// </summary>
internal sealed class IngestionSpool(string folder) : IAsyncDisposable
{
    private FileStream? _file;

    /// <summary>The spooled bytes (position wherever the last read or write left it).</summary>
    public Stream Content => _file ??= OpenFile();

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Content.WriteAsync(data, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private FileStream OpenFile()
    {
        var path = Path.Combine(folder, "serverless-ingest-" + Guid.NewGuid().ToString("N"));
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Uploaded documents may be confidential: only this user may read the spool file.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, fileOptions);
    }
}
