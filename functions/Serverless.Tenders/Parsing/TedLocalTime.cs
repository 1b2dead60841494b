namespace Serverless.Tenders.Parsing;

/// <summary>
/// Gives a legacy TED date and time its UTC offset. TED forms label the tender deadline "local
/// time" and write no offset (<c>DT_DATE_FOR_SUBMISSION</c> <c>20210301 08:00</c>): the buyer's
/// local time. So the offset is the one in force in the buyer's country on that date, not Brussels
/// time for everyone, which would put a Lisbon or Helsinki deadline an hour out.
/// </summary>
/// <remarks>
/// Every country publishing on TED in the years of the legacy format (up to October 2023) kept
/// the same summer-time rule (EU Directive 2000/84/EC, also followed by EEA states, Switzerland and
/// the United Kingdom): from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
/// October. With that rule and each country's standard offset the answer needs no time-zone
/// database, which keeps the domain pure and independent of the tzdata a container may lack.
/// A country we do not list (or none) is taken as Central European Time, the time of most buyers
/// and of the Publications Office.
/// </remarks>
internal static class TedLocalTime
{
    private static readonly TimeSpan CentralEuropeanTime = TimeSpan.FromHours(1);

    /// <summary>Standard (winter) offsets that differ from CET, by TED country code (TED writes UK and GR/EL).</summary>
    private static readonly Dictionary<string, TimeSpan> StandardOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PT"] = TimeSpan.Zero, ["IE"] = TimeSpan.Zero, ["UK"] = TimeSpan.Zero, ["GB"] = TimeSpan.Zero,
        ["IS"] = TimeSpan.Zero,
        ["BG"] = TimeSpan.FromHours(2), ["CY"] = TimeSpan.FromHours(2), ["EE"] = TimeSpan.FromHours(2),
        ["FI"] = TimeSpan.FromHours(2), ["GR"] = TimeSpan.FromHours(2), ["EL"] = TimeSpan.FromHours(2),
        ["LT"] = TimeSpan.FromHours(2), ["LV"] = TimeSpan.FromHours(2), ["RO"] = TimeSpan.FromHours(2),
    };

    /// <summary>Iceland keeps UTC all year.</summary>
    private static readonly HashSet<string> WithoutSummerTime = new(StringComparer.OrdinalIgnoreCase) { "IS" };

    /// <summary>
    /// The local time with its offset, or null for years 1 and 9999: no deadline falls there, and
    /// only there could the offset leave DateTimeOffset's range (an exception, where bad input must stay data).
    /// </summary>
    public static DateTimeOffset? Apply(DateTime localTime, string? country)
    {
        if (localTime.Year is 1 or 9999)
        {
            return null;
        }

        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        var standard = country is not null && StandardOffsets.TryGetValue(country, out var offset) ? offset : CentralEuropeanTime;
        if (country is not null && WithoutSummerTime.Contains(country))
        {
            return new DateTimeOffset(local, standard);
        }

        var summer = standard + TimeSpan.FromHours(1);
        var utcIfSummer = local - summer;
        var summerTime = utcIfSummer >= SummerTimeStart(local.Year) && utcIfSummer < SummerTimeEnd(local.Year);
        return new DateTimeOffset(local, summerTime ? summer : standard);
    }

    private static DateTime SummerTimeStart(int year) => LastSunday(year, 3).AddHours(1);

    private static DateTime SummerTimeEnd(int year) => LastSunday(year, 10).AddHours(1);

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
