using System.Net;
using System.Net.Sockets;

namespace Serverless.Web.Connections;

/// <summary>A plain TCP connection to exactly the given end point; no name resolution happens here.</summary>
internal sealed class TcpSocketDialer : ISocketDialer
{
    public async ValueTask<Stream> DialAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
