using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Serverless.Web.Connections;

namespace Serverless.Web.Tests.Support;

/// <summary>
/// A hand-written resolver: answers from its table, asks the system resolver only for "localhost" (answered from the
/// hosts file, never the network) and fails every other name as unknown. Records each question.
/// </summary>
internal sealed class FakeResolver : IHostAddressResolver
{
    private readonly Dictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Asked { get; } = new();

    public FakeResolver Answer(string host, params string[] addresses)
    {
        _answers[host] = [.. addresses.Select(IPAddress.Parse)];
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Asked.Enqueue(host);
        if (_answers.TryGetValue(host, out var addresses))
        {
            return Task.FromResult(addresses);
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new DnsHostAddressResolver().ResolveAsync(host, cancellationToken);
        }

        throw new SocketException((int)SocketError.HostNotFound);
    }
}
