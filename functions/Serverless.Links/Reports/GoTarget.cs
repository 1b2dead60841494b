namespace Serverless.Links.Reports;

/// <summary>Where <c>/api/go</c> sends a reader: the live page, or its archived copy when the link is dead.</summary>
public sealed record GoTarget(string Location, bool Archived);
