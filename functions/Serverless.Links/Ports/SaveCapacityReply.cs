using System.Diagnostics.CodeAnalysis;

namespace Serverless.Links.Ports;

/// <summary>The answer of <see cref="IWaybackApi.GetSaveCapacityAsync"/>: the capacity, or why there is none.</summary>
/// <param name="Capacity">The account's capacity when the archive answered.</param>
/// <param name="Failure">Why it did not (unreachable, keys refused, unreadable answer...).</param>
public sealed record SaveCapacityReply(SaveCapacity? Capacity, string? Failure)
{
    /// <summary>The archive reported <paramref name="capacity"/>.</summary>
    public static SaveCapacityReply Answered(SaveCapacity capacity) => new(capacity, null);

    /// <summary>No usable answer, for the reason in <paramref name="failure"/>.</summary>
    public static SaveCapacityReply Failed(string failure) => new(null, failure);

    /// <summary>True when <see cref="Capacity"/> holds the answer.</summary>
    [MemberNotNullWhen(true, nameof(Capacity))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsAnswered => Capacity is not null;
}
