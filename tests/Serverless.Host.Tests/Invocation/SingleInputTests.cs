using Serverless.Host.Invocation;

namespace Serverless.Host.Tests.Invocation;

public sealed class SingleInputTests
{
    [Fact]
    public void TryGetValue_NameInOtherCase_FindsTheValue()
    {
        var value = new object();
        var input = new SingleInput("req", value);

        Assert.True(input.TryGetValue("REQ", out var found));
        Assert.Same(value, found);
        Assert.Same(value, input["Req"]);
    }

    [Fact]
    public void TryGetValue_OtherName_ReturnsFalse()
    {
        var input = new SingleInput("req", "x");

        Assert.False(input.TryGetValue("request", out var found));
        Assert.Null(found);
        Assert.False(input.ContainsKey("re"));
        Assert.Throws<KeyNotFoundException>(() => input["other"]);
    }

    [Fact]
    public void Enumerate_ReturnsTheOneEntry()
    {
        var input = new SingleInput("req", "x");

        Assert.Equal([new KeyValuePair<string, object?>("req", "x")], input.ToList());
        Assert.Equal(["req"], input.Keys);
        Assert.True(input.Count == 1, "Count must say one entry");
    }
}
