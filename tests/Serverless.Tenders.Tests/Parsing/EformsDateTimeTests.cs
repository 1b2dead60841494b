using System.Globalization;
using Serverless.Tenders.Parsing;

namespace Serverless.Tenders.Tests.Parsing;

public sealed class EformsDateTimeTests
{
    [Theory]
    [InlineData("2019-11-15+01:00", "12:00:00+01:00", "2019-11-15T12:00:00.000+01:00")]
    [InlineData("2019-06-24Z", "16:00:00Z", "2019-06-24T16:00:00.000+00:00")]
    [InlineData("2024-12-30+02:00", "23:00:03.958+02:00", "2024-12-30T23:00:03.958+02:00")]
    [InlineData(" 2020-06-12+01:00 ", "\n12:00:00+02:00\n", "2020-06-12T12:00:00.000+02:00")] // the time's offset wins
    [InlineData("2020-06-12-05:00", "08:30:00", "2020-06-12T08:30:00.000-05:00")] // else the date's
    [InlineData("2020-06-12", "12:00:00", "2020-06-12T12:00:00.000+00:00")] // else UTC
    [InlineData("2020-06-12+01:00", null, "2020-06-12T23:59:59.000+01:00")] // no time: end of the day
    public void Combine_DateAndTime_KeepsTheWrittenOffset(string date, string? time, string expected)
    {
        var result = EformsDateTime.Combine(date, time);

        Assert.NotNull(result);
        Assert.Equal(expected, result.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null, "12:00:00Z")]
    [InlineData("", "12:00:00Z")]
    [InlineData("15/11/2019", "12:00:00")]
    [InlineData("2019-11-15Z", "noon")]
    [InlineData("2019-02-30Z", "12:00:00Z")]
    [InlineData("2019-11-15+14:30", "12:00:00+14:30")] // beyond the largest offset
    [InlineData("0001-01-01+05:00", "00:30:00+05:00")] // before the first instant DateTimeOffset holds
    public void Combine_UnreadableValue_GivesNull(string? date, string? time)
    {
        Assert.Null(EformsDateTime.Combine(date, time));
    }
}
