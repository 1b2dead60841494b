namespace Serverless.Functions.Links;

/// <summary>The body of <c>links-extract</c>, <c>links-check</c> and <c>links-report</c> messages.</summary>
public sealed record ReportMessage(Guid ReportId, int? Chunk);

/// <summary>The body of a <c>links-recheck</c> message.</summary>
public sealed record RecheckMessage(IReadOnlyList<string>? Urls);

/// <summary>A message that cannot be processed; the host retries it, then moves it to the poison queue with this reason.</summary>
public sealed class InvalidLinkMessageException(string message) : Exception(message);
