namespace Serverless.Tenders.Ingestion;

/// <summary>
/// The bytes of one document under ingestion, written once and then read from the start (to parse, then to store):
/// in memory up to <see cref="MemoryLimit"/>, beyond that in a private temporary file deleted on dispose, so memory
/// stays flat whatever the size. Most notices are tens of kilobytes: creating, writing and deleting a file for each was
/// a visible share of an ingestion's time in the benchmark.
/// </summary>
internal sealed class IngestionSpool(string folder) : IAsyncDisposable
{
    /// <summary>Documents up to this size never touch the disk.</summary>
    public const int MemoryLimit = 1024 * 1024;

    private MemoryStream? _memory = new();
    private FileStream? _file;

    /// <summary>The spooled bytes (position wherever the last read or write left it).</summary>
    public Stream Content => (Stream?)_file ?? _memory!;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_memory is { } memory)
        {
            if (memory.Length + data.Length <= MemoryLimit)
            {
                memory.Write(data.Span);
                return;
            }

            _file = OpenFile();
            await _file.WriteAsync(memory.GetBuffer().AsMemory(0, (int)memory.Length), cancellationToken).ConfigureAwait(false);
            _memory = null;
        }

        await _file!.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

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
