using System.Buffers;

namespace Serverless.Web;

/// <summary>
/// The body of a fetched response: a forward-only stream that hands over at most <c>limit</c> bytes and stops at the
/// fetch's deadline. It owns the response and the deadline, and releases both when disposed.
/// </summary>
internal sealed class LimitedResponseStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly IDisposable _response;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationToken _callerToken;
    private long _handedOver;
    private bool _tooLarge;
    private bool _disposed;

    /// <param name="inner">The network stream of the response content.</param>
    /// <param name="limit">The most bytes a reader may receive.</param>
    /// <param name="response">Disposed with this stream.</param>
    /// <param name="deadline">Cancelled when the fetch's total time is up or the caller cancels; disposed with this stream.</param>
    /// <param name="callerToken">The caller's token, to tell a cancellation from a timeout.</param>
    public LimitedResponseStream(Stream inner, long limit, IDisposable response, CancellationTokenSource deadline, CancellationToken callerToken)
    {
        _inner = inner;
        _limit = limit;
        _response = response;
        _deadline = deadline;
        _callerToken = callerToken;
    }

    /// <summary>Bytes handed to readers so far.</summary>
    public long BytesRead => _handedOver;

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _handedOver;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_tooLarge)
        {
            throw new ResponseTooLargeException(_limit);
        }

        if (buffer.IsEmpty)
        {
            return 0;
        }

        // Ask for one byte past the limit at most: receiving it proves the body is too large without reading on.
        var window = (int)Math.Min(buffer.Length, _limit - _handedOver + 1);
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token)
            : null;
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer[..window], linked?.Token ?? _deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && IsDeadline(cancellationToken))
        {
            throw new TimeoutException("The response body was not read within OutboundHttp:Timeout.", e);
        }

        if (_handedOver + read > _limit)
        {
            // Hand over what fits (the reader gets exactly the limit), then refuse on this or the next read.
            _tooLarge = true;
            var fits = (int)(_limit - _handedOver);
            if (fits == 0)
            {
                throw new ResponseTooLargeException(_limit);
            }

            _handedOver = _limit;
            return fits;
        }

        _handedOver += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The network stream's own synchronous read cannot observe the deadline, so synchronous readers go through the
    // asynchronous path; the body is meant to be read asynchronously anyway.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _inner.Dispose();
            _response.Dispose();
            _deadline.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _inner.DisposeAsync().ConfigureAwait(false);
            _response.Dispose();
            _deadline.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private bool IsDeadline(CancellationToken readToken) =>
        _deadline.IsCancellationRequested && !_callerToken.IsCancellationRequested && !readToken.IsCancellationRequested;
}
