using Serverless.Host.Invocation;

namespace Serverless.Host.Tests.Invocation;

public sealed class InvocationLogScopeTests
{
    [Fact]
    public void Enumerate_ReturnsFunctionNameThenInvocationId_UnderTheFunctionsHostNames()
    {
        var scope = new InvocationLogScope("IngestTender", "6f1c2a1e-0000-4000-8000-000000000001");

        Assert.Equal(
            [
                new KeyValuePair<string, object>("AzureFunctions_FunctionName", "IngestTender"),
                new KeyValuePair<string, object>("AzureFunctions_InvocationId", "6f1c2a1e-0000-4000-8000-000000000001"),
            ],
            scope.ToList());
        Assert.Equal(2, scope.Count);
        Assert.Equal("AzureFunctions_InvocationId", scope[1].Key);
    }

    [Fact]
    public void ToString_NamesBothValues()
    {
        var scope = new InvocationLogScope("Ping", "abc");

        Assert.Equal("AzureFunctions_FunctionName:Ping AzureFunctions_InvocationId:abc", scope.ToString());
    }
}
