namespace Serverless.Links.Reports;

/// <summary>Link report settings (section <c>LinkReports</c>).</summary>
public sealed class LinkReportOptions
{
    public const string SectionName = "LinkReports";
    public const long DefaultMaxDocumentBytes = 50L * 1024 * 1024;
    public const long DefaultMaxPageBytes = 5L * 1024 * 1024;
    public const int DefaultChunkSize = 25;
    public const int DefaultRecheckLimit = 1000;
    public const int DefaultRecheckBatchSize = 25;
    public static readonly TimeSpan DefaultRecheckLease = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultGoCacheLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The largest document accepted for a report (upload or fetched page).</summary>
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>The largest HTML, Markdown or text document: unlike an export, read one post at a time, a page is parsed
    /// whole (a 7 MB page with 100,000 links takes about 300 MB to parse).</summary>
    public long MaxPageBytes { get; set; } = DefaultMaxPageBytes;

    /// <summary>Distinct URLs per check message: small enough to finish well within the function timeout.</summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>Whether links to the document's own site are checked too (Link Fixer checks outbound links only).</summary>
    public bool CheckInternal { get; set; }

    /// <summary>Links a timer firing may schedule for a re-check.</summary>
    public int RecheckLimit { get; set; } = DefaultRecheckLimit;

    /// <summary>URLs per re-check message.</summary>
    public int RecheckBatchSize { get; set; } = DefaultRecheckBatchSize;

    /// <summary>How long a scheduled re-check holds its links before another firing may schedule them again.</summary>
    public TimeSpan RecheckLease { get; set; } = DefaultRecheckLease;

    /// <summary><c>Cache-Control: max-age</c> of <c>/api/go</c> redirects: short, so a recovered link is followed again soon.</summary>
    public TimeSpan GoCacheLifetime { get; set; } = DefaultGoCacheLifetime;

    /// <summary>Whether ingesting a new tender requests a link report for its links (documents, submission, buyer).</summary>
    public bool ReportTenderLinks { get; set; }

    /// <summary>Folder for spooled uploads and report files; the system temp folder when unset.</summary>
    public string? SpoolDirectory { get; set; }
}
