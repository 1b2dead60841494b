namespace Serverless.Links.Tests.Reports;

/// <summary>
/// Discards what is written, counting bytes and one marker byte and keeping the last bytes. Refuses synchronous writes,
/// as ASP.NET Core response bodies do, so a writer that blocks on its output fails.
/// </summary>
internal sealed class CountingNullStream(byte marker) : Stream
{
    private readonly byte[] _tail = new byte[64];
    private int _tailLength;

    public long BytesWritten { get; private set; }

    public long Markers { get; private set; }

    public byte[] Tail => _tail[.._tailLength];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var span = buffer.Span;
        BytesWritten += span.Length;
        Markers += span.Count(marker);
        var keep = Math.Min(span.Length, _tail.Length);
        var old = Math.Min(_tailLength, _tail.Length - keep);
        Array.Copy(_tail, _tailLength - old, _tail, 0, old);
        span[^keep..].CopyTo(_tail.AsSpan(old));
        _tailLength = old + keep;
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous writes are not allowed.");

    public override void Flush() => throw new InvalidOperationException("Synchronous flushes are not allowed.");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
