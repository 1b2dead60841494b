using System.Collections.Concurrent;
using System.Net;
using Serverless.Web.Connections;

namespace Serverless.Web.Tests.Support;

/// <summary>
/// Records every connection the fetcher asks for and makes only loopback ones, so no test can send a packet off this
/// machine even if the guard under test were broken. <see cref="Hang"/> makes it never connect, to test timeouts.
/// </summary>
internal sealed class GuardedDialer : ISocketDialer
{
    private readonly TcpSocketDialer _real = new();

    public ConcurrentQueue<IPEndPoint> Dialed { get; } = new();

    public bool Hang { get; init; }

    public async ValueTask<Stream> DialAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        Dialed.Enqueue(endPoint);
        if (!IPAddress.IsLoopback(endPoint.Address))
        {
            throw new InvalidOperationException($"A test tried to connect off this machine, to {endPoint}.");
        }

        if (Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return await _real.DialAsync(endPoint, cancellationToken);
    }
}
