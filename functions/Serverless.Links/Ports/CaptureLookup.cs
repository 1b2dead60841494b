using System.Diagnostics.CodeAnalysis;

namespace Serverless.Links.Ports;

/// <summary>The answer of one availability or CDX lookup.</summary>
/// <param name="Status">Whether a capture was found, none exists, or the lookup failed.</param>
/// <param name="Capture">The capture when <see cref="CaptureLookupStatus.Found"/>.</param>
/// <param name="Detail">Why the lookup failed, when it did.</param>
public sealed record CaptureLookup(CaptureLookupStatus Status, WaybackCapture? Capture = null, string? Detail = null)
{
    /// <summary>The index holds <paramref name="capture"/>.</summary>
    public static CaptureLookup Found(WaybackCapture capture) => new(CaptureLookupStatus.Found, capture);

    /// <summary>The index answered and holds nothing usable.</summary>
    public static CaptureLookup NotFound() => new(CaptureLookupStatus.NotFound);

    /// <summary>There was no usable answer, for the reason in <paramref name="detail"/>.</summary>
    public static CaptureLookup Failed(string detail) => new(CaptureLookupStatus.Failed, Detail: detail);

    /// <summary>True when <see cref="Capture"/> holds a capture.</summary>
    [MemberNotNullWhen(true, nameof(Capture))]
    public bool IsFound => Status == CaptureLookupStatus.Found && Capture is not null;
}
