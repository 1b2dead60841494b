namespace Serverless.Links.Reports;

/// <summary>The answer to a report request: the new report's id, or why none was created (nothing is stored then).</summary>
public sealed record ReportCreation(Guid? Id, ReportRejection? Rejection, string? Detail)
{
    public static ReportCreation Created(Guid id) => new(id, null, null);

    public static ReportCreation Rejected(ReportRejection reason, string detail) => new(null, reason, detail);
}

/// <summary>Why a report was not created.</summary>
public enum ReportRejection
{
    /// <summary>The body is empty.</summary>
    Empty,
    /// <summary>The body exceeds <see cref="LinkReportOptions.MaxDocumentBytes"/>.</summary>
    TooLarge,
    /// <summary>The kind of document cannot be told or is not supported.</summary>
    UnknownKind,
    /// <summary>The document claims a kind it is not (malformed XML export, DTD...).</summary>
    Unreadable,
    /// <summary>The page URL is not an absolute http(s) URL or points to an address that is not allowed.</summary>
    BadUrl,
    /// <summary>The page could not be fetched.</summary>
    SourceUnavailable,
}
