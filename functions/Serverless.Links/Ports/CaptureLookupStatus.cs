namespace Serverless.Links.Ports;

/// <summary>What a capture lookup answered.</summary>
public enum CaptureLookupStatus
{
    /// <summary>The index holds a capture; see <see cref="CaptureLookup.Capture"/>.</summary>
    Found,
    /// <summary>The index answered and holds no usable capture.</summary>
    NotFound,
    /// <summary>No usable answer: unreachable, timeout, rate limited, an error status or an unreadable body.</summary>
    Failed,
}
