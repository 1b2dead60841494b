using System.Globalization;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Combines an eForms date and time pair (<c>cbc:EndDate</c> <c>2019-11-15+01:00</c> and
/// <c>cbc:EndTime</c> <c>12:00:00+01:00</c>) into one instant that keeps the offset the notice writes,
/// so a deadline reads as the buyer published it.
/// </summary>
internal static class EformsDateTime
{
    private static readonly string[] TimeFormats = ["HH:mm:ss", "HH:mm:ss.FFFFFFF", "HH:mm"];

    /// <summary>The largest offset XML Schema (and DateTimeOffset) allows.</summary>
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    /// <summary>
    /// The instant, or null when the date is missing or unreadable. The time's offset wins, then the
    /// date's; XML Schema leaves a value without one "unknown", and we read that as UTC. A date
    /// without a time is read as the end of that day, so a tender is never shown as closed early.
    /// </summary>
    public static DateTimeOffset? Combine(string? date, string? time)
    {
        var (dateText, dateOffset) = SplitOffset(NoticeText.Normalize(date));
        // Years 1 and 9999 are no deadlines, and only there could an offset push the instant out of
        // DateTimeOffset's range (an exception, where bad input must stay data).
        if (dateText is null
            || !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year is 1 or 9999)
        {
            return null;
        }

        var (timeText, timeOffset) = SplitOffset(NoticeText.Normalize(time));
        var clock = new TimeOnly(23, 59, 59);
        if (timeText is not null
            && !TimeOnly.TryParseExact(timeText, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out clock))
        {
            return null;
        }

        var offset = timeOffset ?? dateOffset ?? TimeSpan.Zero;
        return new DateTimeOffset(day.ToDateTime(clock), offset);
    }

    /// <summary>Splits a trailing <c>Z</c> or <c>±hh:mm</c> off an XML Schema date or time.</summary>
    private static (string? Value, TimeSpan? Offset) SplitOffset(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        if (text.EndsWith('Z'))
        {
            return (text[..^1], TimeSpan.Zero);
        }

        if (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'
            && int.TryParse(text.AsSpan(text.Length - 5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(text.AsSpan(text.Length - 2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && minutes < 60 && new TimeSpan(hours, minutes, 0) is var offset && offset <= MaxOffset)
        {
            return (text[..^6], text[^6] == '-' ? -offset : offset);
        }

        return (text, null);
    }
}
