namespace Serverless.Links.History;

/// <summary>When a link is declared dead and when it is checked again (section <c>LinkHistory</c>).</summary>
/// <remarks>As in Link Fixer: a link is dead only after several failed checks spread over time, so one bad day, a
/// slow server or a blocked datacenter address does not send readers to the archive.</remarks>
public sealed class LinkHistoryOptions
{
    public const string SectionName = "LinkHistory";
    public const int DefaultDeadAfterFailures = 3;
    public static readonly TimeSpan DefaultMinFailureSpacing = TimeSpan.FromHours(20);
    public static readonly TimeSpan DefaultRecheckInterval = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultFailureRecheckInterval = TimeSpan.FromDays(1);

    /// <summary>Consecutive failed checks (broken, server error, timeout, TLS error) after which a link is dead.</summary>
    public int DeadAfterFailures { get; set; } = DefaultDeadAfterFailures;

    /// <summary>A failure counts toward <see cref="DeadAfterFailures"/> only this long after the last counted one.</summary>
    public TimeSpan MinFailureSpacing { get; set; } = DefaultMinFailureSpacing;

    /// <summary>When a link that answered is checked again.</summary>
    public TimeSpan RecheckInterval { get; set; } = DefaultRecheckInterval;

    /// <summary>When a failing (or dead, to notice a recovery) link is checked again.</summary>
    public TimeSpan FailureRecheckInterval { get; set; } = DefaultFailureRecheckInterval;
}
