using System.Net;
using System.Net.Sockets;
using Serverless.Web.Addresses;
using Serverless.Web.Connections;
using Serverless.Web.Tests.Support;

namespace Serverless.Web.Tests.Connections;

public sealed class SafeConnectorTests
{
    private static readonly OutboundAddressPolicy LoopbackAllowed = new([IPNetwork.Parse("127.0.0.0/8")]);

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("[::1]")]
    [InlineData("::1")]
    [InlineData("[fd00::1]")]
    [InlineData("0.0.0.0")]
    public async Task ConnectAsync_LiteralRefusedAddress_ThrowsBlockedWithoutResolvingOrDialing(string host)
    {
        var resolver = new FakeResolver();
        var dialer = new GuardedDialer();
        var connector = new SafeConnector(new OutboundAddressPolicy([]), resolver, dialer);

        await Assert.ThrowsAsync<BlockedAddressException>(() => connector.ConnectAsync(host, 80, CancellationToken.None).AsTask());

        Assert.Empty(resolver.Asked);
        Assert.Empty(dialer.Dialed);
    }

    [Fact]
    public async Task ConnectAsync_AnyAnswerRefused_ThrowsBlockedWithoutDialing()
    {
        var resolver = new FakeResolver().Answer("split.test", "127.0.0.1", "10.0.0.7");
        var dialer = new GuardedDialer();
        var connector = new SafeConnector(LoopbackAllowed, resolver, dialer);

        var blocked = await Assert.ThrowsAsync<BlockedAddressException>(() => connector.ConnectAsync("split.test", 80, CancellationToken.None).AsTask());

        Assert.Equal(IPAddress.Parse("10.0.0.7"), blocked.Verdict.Address);
        Assert.Equal(AddressCategory.Private, blocked.Verdict.Category);
        Assert.Empty(dialer.Dialed);
    }

    [Fact]
    public async Task ConnectAsync_NoAnswer_ThrowsHostNotFound()
    {
        var resolver = new FakeResolver().Answer("empty.test");
        var connector = new SafeConnector(LoopbackAllowed, resolver, new GuardedDialer());

        var error = await Assert.ThrowsAsync<SocketException>(() => connector.ConnectAsync("empty.test", 80, CancellationToken.None).AsTask());

        Assert.Equal(SocketError.HostNotFound, error.SocketErrorCode);
    }

    [Fact]
    public async Task ConnectAsync_IPv4MappedAnswer_DialsThePlainIPv4Address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var resolver = new FakeResolver().Answer("mapped.test", "::ffff:127.0.0.1");
        var dialer = new GuardedDialer();
        var connector = new SafeConnector(LoopbackAllowed, resolver, dialer);

        await using var stream = await connector.ConnectAsync("mapped.test", port, CancellationToken.None);

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, port)], dialer.Dialed);
    }

    [Fact]
    public async Task ConnectAsync_FirstAddressUnreachable_DialsTheNext()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var resolver = new FakeResolver().Answer("two.test", "127.0.0.2", "127.0.0.1");
        var dialer = new FailFirstDialer();
        var connector = new SafeConnector(LoopbackAllowed, resolver, dialer);

        await using var stream = await connector.ConnectAsync("two.test", port, CancellationToken.None);

        Assert.Equal([IPAddress.Parse("127.0.0.2"), IPAddress.Loopback], dialer.Dialed.Select(e => e.Address));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("[::1]", "::1")]
    [InlineData("::1", "::1")]
    [InlineData("[fe80::1%2]", "fe80::1%2")]
    [InlineData("docs.test", null)]
    [InlineData("[docs.test]", null)]
    public void TryParseLiteral_Host_ParsesOnlyIPLiterals(string host, string? expected)
    {
        Assert.Equal(expected is null ? null : IPAddress.Parse(expected), SafeConnector.TryParseLiteral(host));
    }

    private sealed class FailFirstDialer : ISocketDialer
    {
        private readonly GuardedDialer _inner = new();

        public List<IPEndPoint> Dialed { get; } = [];

        public ValueTask<Stream> DialAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
        {
            Dialed.Add(endPoint);
            if (Dialed.Count == 1)
            {
                throw new SocketException((int)SocketError.ConnectionRefused);
            }

            return _inner.DialAsync(endPoint, cancellationToken);
        }
    }

    [Fact]
    public async Task ConnectAsync_ConnectToOverride_DialsTheTargetWithoutResolving()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var resolver = new FakeResolver();
        var dialer = new GuardedDialer();
        var connector = new SafeConnector(LoopbackAllowed, resolver, dialer, ConnectToTable.From(new SafeHttpOptions { ConnectTo = [$"*:443=127.0.0.1:{port}"] }));

        await using var stream = await connector.ConnectAsync("www.example.org", 443, CancellationToken.None);

        Assert.Empty(resolver.Asked);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, port)], dialer.Dialed);
    }

    [Theory]
    [InlineData("10.0.0.7:80")]
    [InlineData("169.254.169.254:80")]
    [InlineData("[::1]:80")]
    public async Task ConnectAsync_ConnectToOverrideOntoRefusedAddress_ThrowsBlockedWithoutDialing(string target)
    {
        var dialer = new GuardedDialer();
        var policy = new OutboundAddressPolicy([IPNetwork.Parse("127.0.0.1/32")]);
        var connector = new SafeConnector(policy, new FakeResolver(), dialer, ConnectToTable.From(new SafeHttpOptions { ConnectTo = [$"rebind.test:80={target}"] }));

        var blocked = await Assert.ThrowsAsync<BlockedAddressException>(() => connector.ConnectAsync("rebind.test", 80, CancellationToken.None).AsTask());

        Assert.Equal(IPEndPoint.Parse(target).Address, blocked.Verdict.Address);
        Assert.Empty(dialer.Dialed);
    }

    [Theory]
    [InlineData("shop.invalid")]
    [InlineData("A.B.INVALID")]
    [InlineData("shop.invalid.")]
    [InlineData("invalid")]
    public async Task ConnectAsync_NameUnderInvalid_ThrowsHostNotFoundWithoutResolvingEvenWithAWildcardOverride(string host)
    {
        var resolver = new FakeResolver().Answer(host, "127.0.0.1");
        var dialer = new GuardedDialer();
        var connector = new SafeConnector(LoopbackAllowed, resolver, dialer, ConnectToTable.From(new SafeHttpOptions { ConnectTo = ["*:80=127.0.0.1:9"] }));

        var error = await Assert.ThrowsAsync<SocketException>(() => connector.ConnectAsync(host, 80, CancellationToken.None).AsTask());

        Assert.Equal(SocketError.HostNotFound, error.SocketErrorCode);
        Assert.Empty(resolver.Asked);
        Assert.Empty(dialer.Dialed);
    }

    [Theory]
    [InlineData("invalid.example.org")]
    [InlineData("notinvalid")]
    public void IsInvalidName_NameMerelyContainingInvalid_IsNotRefused(string host)
    {
        Assert.False(SafeConnector.IsInvalidName(host));
    }
}
