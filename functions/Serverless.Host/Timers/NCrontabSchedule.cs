using Cronos;

namespace Serverless.Host.Timers;

/// <summary>
/// A timer schedule with Azure's syntax: NCRONTAB with seconds first (6 fields), plain 5-field cron,
/// or a constant interval written as a TimeSpan ("00:05:00"). Times are UTC unless WEBSITE_TIME_ZONE /
/// TZ says otherwise (resolved by the caller).
/// </summary>
internal sealed class NCrontabSchedule
{
    private readonly CronExpression? _cron;
    private readonly TimeSpan? _interval;

    private NCrontabSchedule(CronExpression? cron, TimeSpan? interval) => (_cron, _interval) = (cron, interval);

    public static bool TryParse(string expression, out NCrontabSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        var trimmed = expression.Trim();
        if (!trimmed.Contains(' ', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, out var interval))
        {
            if (interval <= TimeSpan.Zero)
            {
                error = "the interval must be positive";
                return false;
            }

            schedule = new NCrontabSchedule(null, interval);
            return true;
        }

        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"expected 6 fields (second minute hour day month day-of-week), found {fields}";
            return false;
        }

        try
        {
            schedule = new NCrontabSchedule(CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard), null);
            return true;
        }
        catch (CronFormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) =>
        _interval is { } interval ? after + interval : _cron!.GetNextOccurrence(after, zone);
}
