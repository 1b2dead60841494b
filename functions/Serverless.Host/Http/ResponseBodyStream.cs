using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Serverless.Host.Http;

/// <summary>
/// The response body a function writes to. On Azure the worker buffers the whole body, so middleware may still
/// change status and headers after the function wrote it; we keep that for bodies up to <see cref="BufferLimit"/>
/// and stream anything larger straight to the socket (status and headers go out when the buffer overflows).
/// </summary>
/// <remarks>
/// The buffer is rented from the shared array pool on the first write and returned once it is sent, so a request
/// allocates no buffer of its own: a MemoryStream grown by doubling per request was a visible part of the host's
/// garbage for JSON answers of a few kilobytes. Disposing the stream does not drop it: functions often dispose a writer
/// over the body before returning, and the host still sends what was written. A buffer never sent (the function
/// failed) is left to the garbage collector.
/// </remarks>
internal sealed class ResponseBodyStream(HostHttpResponseData owner, HttpResponse response) : Stream
{
    public const int BufferLimit = 64 * 1024;

    private byte[]? _rented;
    private int _length;
    private bool _buffering = true;

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
        if (_buffering)
        {
            if (_length + buffer.Length <= BufferLimit)
            {
                _rented ??= ArrayPool<byte>.Shared.Rent(BufferLimit);
                buffer.Span.CopyTo(_rented.AsSpan(_length));
                _length += buffer.Length;
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
        _buffering ? Task.CompletedTask : response.Body.FlushAsync(cancellationToken);

    /// <summary>Starts the response (status, headers) and sends what was buffered; later writes go straight through.</summary>
    /// <param name="complete">True when the function is done, so the buffer is the whole body and its length is known.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task SendBufferedAsync(bool complete, CancellationToken cancellationToken)
    {
        if (!_buffering)
        {
            return;
        }

        _buffering = false;
        owner.StartIfNeeded(complete ? _length : null);
        try
        {
            if (_length > 0)
            {
                await response.Body.WriteAsync(_rented.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ReturnBuffer();
        }
    }

    /// <summary>True when everything written so far is still in the buffer (nothing sent).</summary>
    public bool Buffering => _buffering;

    /// <summary>Bytes held in the buffer.</summary>
    public long BufferedLength => _buffering ? _length : 0;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void ReturnBuffer()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            _length = 0;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
