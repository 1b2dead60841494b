namespace Serverless.Links.Reports;

/// <summary>A URL of a check chunk that still needs work: a check, or only the archive step after a check already recorded.</summary>
/// <param name="Url">The URL as it is requested.</param>
/// <param name="NeedsCheck">No check recorded for it in this report yet.</param>
public sealed record PendingUrl(string Url, bool NeedsCheck);
