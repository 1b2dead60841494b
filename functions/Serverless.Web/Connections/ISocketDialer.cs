using System.Net;

namespace Serverless.Web.Connections;

/// <summary>Opens a TCP connection to one already vetted address.</summary>
internal interface ISocketDialer
{
    ValueTask<Stream> DialAsync(IPEndPoint endPoint, CancellationToken cancellationToken);
}
