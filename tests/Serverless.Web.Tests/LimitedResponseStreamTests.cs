namespace Serverless.Web.Tests;

public sealed class LimitedResponseStreamTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(9, 10)]
    [InlineData(10, 10)]
    public async Task ReadAsync_BodyWithinLimit_ReturnsEveryByte(int size, long limit)
    {
        using var stream = Limited(size, limit);

        var read = await Drain(stream, bufferSize: 4);

        Assert.Equal(size, read);
        Assert.Equal(size, stream.BytesRead);
    }

    [Theory]
    [InlineData(11, 10, 4)]
    [InlineData(11, 10, 64)]
    [InlineData(1000, 10, 3)]
    [InlineData(1000, 10, 10)]
    public async Task ReadAsync_BodyAboveLimit_HandsOverExactlyTheLimitThenThrows(int size, long limit, int bufferSize)
    {
        using var stream = Limited(size, limit);
        var handedOver = 0L;

        var error = await Record.ExceptionAsync(async () =>
        {
            var buffer = new byte[bufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                handedOver += read;
            }
        });

        var tooLarge = Assert.IsType<ResponseTooLargeException>(error);
        Assert.Equal(limit, tooLarge.Limit);
        Assert.Equal(limit, handedOver);
        await Assert.ThrowsAsync<ResponseTooLargeException>(async () => _ = await stream.ReadAsync(new byte[4]));
    }

    [Fact]
    public void Read_SynchronousReaderAboveLimit_ThrowsToo()
    {
        using var stream = Limited(100, 10);

        var buffer = new byte[100];
        Assert.Equal(10, stream.Read(buffer, 0, buffer.Length));
        Assert.Throws<ResponseTooLargeException>(() => stream.Read(buffer.AsSpan()));
    }

    [Fact]
    public async Task ReadAsync_DeadlinePassed_ThrowsTimeoutException()
    {
        var deadline = new CancellationTokenSource();
        using var stream = new LimitedResponseStream(new NeverEndingStream(), 100, new HttpResponseMessage(), deadline, CancellationToken.None);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<TimeoutException>(async () => _ = await stream.ReadAsync(new byte[4]));
    }

    [Fact]
    public async Task ReadAsync_CallerCancelled_ThrowsOperationCanceled()
    {
        using var caller = new CancellationTokenSource();
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller.Token);
        using var stream = new LimitedResponseStream(new NeverEndingStream(), 100, new HttpResponseMessage(), deadline, caller.Token);
        caller.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await stream.ReadAsync(new byte[4]));
    }

    [Fact]
    public async Task DisposeAsync_Always_DisposesTheResponse()
    {
        var response = new TrackingDisposable();
        var stream = new LimitedResponseStream(new MemoryStream(new byte[5]), 10, response, new CancellationTokenSource(), CancellationToken.None);

        await stream.DisposeAsync();

        Assert.True(response.Disposed);
        Assert.False(stream.CanRead);
    }

    private static LimitedResponseStream Limited(int size, long limit) =>
        new(new MemoryStream(new byte[size]), limit, new HttpResponseMessage(), new CancellationTokenSource(), CancellationToken.None);

    private static async Task<long> Drain(Stream stream, int bufferSize)
    {
        var buffer = new byte[bufferSize];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    private sealed class TrackingDisposable : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    /// <summary>A body that never sends its next byte, as a stalled server does.</summary>
    private sealed class NeverEndingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
