using Serverless.Links.Archive;
using Serverless.Links.Extraction;

namespace Serverless.Links.Reports;

/// <summary>
/// The wire spelling of the report's other enums, kebab-case like <see cref="Checking.LinkStatusNames"/>, so the API, the
/// report files, the CLI and the database agree.
/// </summary>
public static class ReportWireNames
{
    /// <summary>The value of <typeparamref name="T"/> whose wire name is <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">No value has that name.</exception>
    public static T Parse<T>(string name, Func<T, string> toName) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => toName(v!.Value) == name)
        ?? throw new InvalidDataException($"'{name}' is not a {typeof(T).Name} name.");

    public static string ToName(this ReportState state) => state switch
    {
        ReportState.Queued => "queued",
        ReportState.Checking => "checking",
        ReportState.Writing => "writing",
        ReportState.Done => "done",
        ReportState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string ToName(this LinkKind kind) => kind switch
    {
        LinkKind.Outbound => "outbound",
        LinkKind.Internal => "internal",
        LinkKind.NotChecked => "not-checked",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToName(this ArchiveOutcome outcome) => outcome switch
    {
        ArchiveOutcome.Found => "found",
        ArchiveOutcome.Saved => "saved",
        ArchiveOutcome.Pending => "pending",
        ArchiveOutcome.NotArchived => "not-archived",
        ArchiveOutcome.QuotaExceeded => "quota-exceeded",
        ArchiveOutcome.Skipped => "skipped",
        ArchiveOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
