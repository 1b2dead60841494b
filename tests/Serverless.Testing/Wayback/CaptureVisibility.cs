namespace Serverless.Testing.Wayback;

/// <summary>Which of the simulator's lookup APIs know a capture (the real availability API misses some the CDX index has).</summary>
public enum CaptureVisibility
{
    AvailabilityAndCdx,
    CdxOnly,
    AvailabilityOnly,
}
