using Serverless.Links.Checking;

namespace Serverless.Links.History;

/// <summary>
/// The Link Fixer rule: a link is dead after <see cref="LinkHistoryOptions.DeadAfterFailures"/> consecutive failed checks,
/// counting a failure only when <see cref="LinkHistoryOptions.MinFailureSpacing"/> has passed since the last counted one.
/// A success (ok, redirected) clears the count and revives the link; blocked, rate-limited and skipped checks say nothing
/// about the page and leave the count as it was.
/// </summary>
public static class LinkHistoryRules
{
    public static LinkHistoryEntry Apply(LinkHistoryEntry? previous, LinkCheckResult check, LinkHistoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(options);
        var now = check.CheckedAt;
        var entry = previous ?? new LinkHistoryEntry { Url = check.Url, FirstSeen = now };

        int failures;
        DateTimeOffset? lastFailure;
        bool dead;
        if (check.Status is LinkStatus.Ok or LinkStatus.Redirected)
        {
            (failures, lastFailure, dead) = (0, null, false);
        }
        else if (check.IsFailure)
        {
            var counts = entry.LastFailureAt is not { } last || now - last >= options.MinFailureSpacing;
            failures = counts ? entry.ConsecutiveFailures + 1 : entry.ConsecutiveFailures;
            lastFailure = counts ? now : entry.LastFailureAt;
            dead = failures >= options.DeadAfterFailures;
        }
        else
        {
            (failures, lastFailure, dead) = (entry.ConsecutiveFailures, entry.LastFailureAt, entry.Dead);
        }

        var recheck = failures > 0 || dead ? options.FailureRecheckInterval : options.RecheckInterval;
        return entry with
        {
            LastChecked = now,
            LastStatus = check.Status,
            LastHttpStatus = check.HttpStatus,
            ConsecutiveFailures = failures,
            LastFailureAt = lastFailure,
            Dead = dead,
            NextCheckAt = now + recheck,
        };
    }
}
