using System.Globalization;
using Serverless.Tenders.Parsing;

namespace Serverless.Tenders.Tests.Parsing;

/// <summary>
/// Legacy TED deadlines are the buyer's local time. Expected offsets are the civil time of the
/// country on that date (summer time from the last Sunday of March to the last Sunday of October,
/// switching at 01:00 UTC): 2021 switched on 28 March and 31 October.
/// </summary>
public sealed class TedLocalTimeTests
{
    [Theory]
    [InlineData("2021-03-01 08:00", "DE", "+01:00")]
    [InlineData("2021-03-28 01:30", "DE", "+01:00")] // before the switch at 02:00 CET
    [InlineData("2021-03-28 03:30", "DE", "+02:00")] // after it
    [InlineData("2021-10-30 12:00", "DE", "+02:00")]
    [InlineData("2021-10-31 12:00", "DE", "+01:00")]
    [InlineData("2022-03-23 12:00", "CH", "+01:00")]
    [InlineData("2023-03-03 17:00", "PT", "+00:00")]
    [InlineData("2023-07-03 17:00", "PT", "+01:00")]
    [InlineData("2019-06-01 12:00", "UK", "+01:00")]
    [InlineData("2019-12-01 12:00", "IE", "+00:00")]
    [InlineData("2022-01-15 12:00", "FI", "+02:00")]
    [InlineData("2022-06-15 12:00", "FI", "+03:00")]
    [InlineData("2022-06-15 12:00", "GR", "+03:00")]
    [InlineData("2022-06-15 12:00", "IS", "+00:00")] // Iceland has no summer time
    [InlineData("2022-06-15 12:00", null, "+02:00")] // unknown: Central European Time
    [InlineData("2022-06-15 12:00", "XX", "+02:00")]
    public void Apply_LocalTimeInCountry_UsesThatCountrysOffset(string local, string? country, string expectedOffset)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        var result = TedLocalTime.Apply(time, country);

        Assert.NotNull(result);
        Assert.Equal(time, result.Value.DateTime);
        Assert.Equal(expectedOffset, result.Value.ToString("zzz", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0001-01-01 00:30")]
    [InlineData("9999-12-31 23:30")]
    public void Apply_EdgeOfTheCalendar_GivesNull(string local)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        Assert.Null(TedLocalTime.Apply(time, "FI"));
    }
}
