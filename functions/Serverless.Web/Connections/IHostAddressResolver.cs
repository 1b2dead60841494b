using System.Net;

namespace Serverless.Web.Connections;

/// <summary>Resolves a host name to the addresses a connection may be made to.</summary>
internal interface IHostAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
