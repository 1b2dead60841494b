using Microsoft.AspNetCore.Http;

namespace Serverless.Host.Http;

/// <summary>
/// The response body a function writes to. On Azure the worker buffers the whole body, so middleware may still
/// change status and headers after the function wrote it; we keep that for bodies up to <see cref="BufferLimit"/>
/// and stream anything larger straight to the socket (status and headers go out when the buffer overflows).
/// </summary>
internal sealed class ResponseBodyStream(HostHttpResponseData owner, HttpResponse response) : Stream
{
    public const int BufferLimit = 64 * 1024;

    private MemoryStream? _buffer = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_buffer is not null)
        {
            if (_buffer.Length + buffer.Length <= BufferLimit)
            {
                _buffer.Write(buffer.Span);
                return;
            }

            await SendBufferedAsync(complete: false, cancellationToken).ConfigureAwait(false);
        }

        await response.Body.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
    }

    /// <summary>Flushing is a no-op while buffering: headers must stay changeable until the function is done.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _buffer is null ? response.Body.FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Starts the response (status, headers) and sends what was buffered; later writes go straight through.</summary>
    /// <param name="complete">True when the function is done, so the buffer is the whole body and its length is known.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task SendBufferedAsync(bool complete, CancellationToken cancellationToken)
    {
        if (_buffer is not { } buffered)
        {
            return;
        }

        _buffer = null;
        owner.StartIfNeeded(complete ? buffered.Length : null);
        if (buffered.Length > 0)
        {
            await response.Body.WriteAsync(buffered.GetBuffer().AsMemory(0, (int)buffered.Length), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when everything written so far is still in the buffer (nothing sent).</summary>
    public bool Buffering => _buffer is not null;

    /// <summary>Bytes held in the buffer.</summary>
    public long BufferedLength => _buffer?.Length ?? 0;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
