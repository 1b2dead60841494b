using Serverless.Links.Checking;

namespace Serverless.Links.Tests.Checking;

/// <summary>RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds.</summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2015, 10, 21, 7, 28, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 5 ", 5)]
    [InlineData("0", 0)]
    // The RFC's own example date, 07:28:00 GMT on the same day as Now plus 30 s.
    [InlineData("Wed, 21 Oct 2015 07:28:30 GMT", 30)]
    // RFC 850 and asctime forms of 07:29:00, which recipients must still read.
    [InlineData("Wednesday, 21-Oct-15 07:29:00 GMT", 60)]
    [InlineData("Wed Oct 21 07:29:00 2015", 60)]
    // A date already past asks for no wait.
    [InlineData("Wed, 21 Oct 2015 07:00:00 GMT", 0)]
    public void Parse_ValidValue_ReturnsTheWait(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Parse(value, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Parse_AbsentOrUnreadable_ReturnsNull(string? value)
    {
        Assert.Null(RetryAfter.Parse(value, Now));
    }

    [Fact]
    public void Parse_MoreSecondsThanATimeSpanHolds_IsTheLongestWait()
    {
        Assert.Equal(TimeSpan.MaxValue, RetryAfter.Parse("99999999999999999999999", Now));
    }
}
