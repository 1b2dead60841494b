using System.Net;
using Serverless.Web.Connections;

namespace Serverless.Web.Tests.Connections;

public sealed class ConnectToRuleTests
{
    [Theory]
    [InlineData("*:443=127.0.0.1:8443", "*", 443, "127.0.0.1:8443")]
    [InlineData("example.org:80=127.0.0.1:8080", "example.org", 80, "127.0.0.1:8080")]
    [InlineData(" shop.example:8080=[::1]:9000 ", "shop.example", 8080, "[::1]:9000")]
    [InlineData("[2001:db8::1]:443=127.0.0.1:8443", "2001:db8::1", 443, "127.0.0.1:8443")]
    public void TryParse_WellFormedEntry_ReadsHostPortAndTarget(string entry, string host, int port, string target)
    {
        Assert.True(ConnectToRule.TryParse(entry, out var rule, out var error), error);

        Assert.Equal(host, rule.Host);
        Assert.Equal(port, rule.Port);
        Assert.Equal(IPEndPoint.Parse(target), rule.Target);
    }

    [Theory]
    [InlineData("example.org:80", "is not of the form 'host:port=ip:port'")]
    [InlineData("example.org=127.0.0.1:80", "has no valid port on the left of '=' ('example.org')")]
    [InlineData("example.org:0=127.0.0.1:80", "has no valid port on the left of '=' ('example.org:0')")]
    [InlineData("example.org:70000=127.0.0.1:80", "has no valid port on the left of '=' ('example.org:70000')")]
    [InlineData("example.org:80=localhost:8080", "does not point to an IP address and port on the right of '=' ('localhost:8080')")]
    [InlineData("example.org:80=127.0.0.1", "does not point to an IP address and port on the right of '=' ('127.0.0.1')")]
    public void TryParse_MalformedEntry_SaysWhatIsWrong(string entry, string expected)
    {
        Assert.False(ConnectToRule.TryParse(entry, out _, out var error));
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void Find_ExactHostAndWildcard_ExactRuleWinsWhateverTheOrder()
    {
        var table = ConnectToTable.From(new SafeHttpOptions { ConnectTo = ["*:80=127.0.0.1:1000", "special.example:80=127.0.0.1:2000"] });

        Assert.Equal(IPEndPoint.Parse("127.0.0.1:2000"), table.Find("SPECIAL.example", 80));
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:1000"), table.Find("any.example", 80));
        Assert.Null(table.Find("any.example", 443));
    }
}
