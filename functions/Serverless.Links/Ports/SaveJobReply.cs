namespace Serverless.Links.Ports;

/// <summary>The answer of <see cref="IWaybackApi.RequestSaveAsync"/> or <see cref="IWaybackApi.GetSaveStatusAsync"/>.</summary>
/// <param name="State">Where the request or job stands.</param>
/// <param name="JobId">The Save Page Now job id, when the archive gave one.</param>
/// <param name="Capture">The new capture when <see cref="SaveJobState.Succeeded"/>.</param>
/// <param name="Detail">The archive's message or <c>status_ext</c>, or the transport failure.</param>
public sealed record SaveJobReply(SaveJobState State, string? JobId = null, WaybackCapture? Capture = null, string? Detail = null);
