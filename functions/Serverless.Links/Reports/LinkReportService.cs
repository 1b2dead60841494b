using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;
using Serverless.Links.History;
using Serverless.Links.Ports;

namespace Serverless.Links.Reports;

/// <summary>
/// The link report pipeline: accept a document (upload, page URL or a tender's links), extract its links, check them chunk
/// by chunk, archive the broken and dead ones, and write the finished report as JSON, CSV and HTML. Each step is one call,
/// driven by a queue message (<see cref="ReportQueues"/>); the store enqueues the next step with the state it writes, and
/// every step can run again after a crash and pick up where it stopped.
/// </summary>
/// <remarks>Retries live in the checker (requests) and the host (messages); nothing here retries.</remarks>
public sealed partial class LinkReportService(
    ILinkReportStore reports,
    ILinkHistoryStore history,
    IReportFiles files,
    ILinkChecker checker,
    IArchive archive,
    IEnumerable<IReportWriter> writers,
    IOptions<LinkReportOptions> options,
    IOptions<LinkHistoryOptions> historyOptions,
    TimeProvider time,
    ILogger<LinkReportService> logger)
{
    /// <summary>The document kind of a tender's link list (JSON lines of <c>{"url", "element"}</c>).</summary>
    public const string LinkListKind = "links";

    private const int SniffBytes = 4096;

    public static string SourceKey(Guid id) => $"link-reports/{id}/source";

    public static string ReportKey(Guid id, string format) => $"link-reports/{id}/report.{format}";

    /// <summary>Accepts an uploaded document: spooled, its kind told (or taken from <paramref name="kind"/>), checked to
    /// be readable, stored, and its report created and queued. Nothing is kept when it is refused.</summary>
    public async Task<ReportCreation> CreateFromDocumentAsync(Stream content, string? fileName, string? contentType,
        DocumentKind? kind, Uri? baseUrl, string sourceKind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var spool = OpenSpool();
        // A page (read whole when extracted) has the lower limit; known up front, it is enforced while spooling.
        var limit = kind is { } known && known != DocumentKind.Wxr ? options.Value.MaxPageBytes : options.Value.MaxDocumentBytes;
        var size = await SpoolAsync(content, spool, limit, cancellationToken).ConfigureAwait(false);
        if (size == 0)
        {
            return ReportCreation.Rejected(ReportRejection.Empty, "The document is empty.");
        }

        if (size > limit)
        {
            return ReportCreation.Rejected(ReportRejection.TooLarge, limit == options.Value.MaxPageBytes
                ? $"A {kind.ToString()!.ToLowerInvariant()} document is read whole, so it may be at most {limit} bytes (LinkReports:MaxPageBytes)."
                : $"The document is larger than {limit} bytes (LinkReports:MaxDocumentBytes).");
        }

        var head = new byte[(int)Math.Min(SniffBytes, size)];
        spool.Position = 0;
        await spool.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        var detected = kind ?? LinkExtractor.Detect(head, fileName, contentType);
        if (detected is not { } documentKind)
        {
            return ReportCreation.Rejected(ReportRejection.UnknownKind,
                "Cannot tell what kind of document this is. Send HTML, a WordPress export (WXR), Markdown or plain text, or say which with ?kind=html|wxr|markdown|text.");
        }

        if (documentKind != DocumentKind.Wxr && size > options.Value.MaxPageBytes)
        {
            return ReportCreation.Rejected(ReportRejection.TooLarge,
                $"A {documentKind.ToString().ToLowerInvariant()} document is read whole, so it may be at most {options.Value.MaxPageBytes} bytes (LinkReports:MaxPageBytes); this one has {size}.");
        }

        if (documentKind == DocumentKind.Wxr && await CheckXmlAsync(spool, cancellationToken).ConfigureAwait(false) is { } xmlError)
        {
            return ReportCreation.Rejected(ReportRejection.Unreadable, $"The WordPress export is not readable XML: {xmlError}");
        }

        var id = Guid.CreateVersion7();
        var report = new NewReport
        {
            Id = id,
            SourceKind = sourceKind,
            SourceName = fileName,
            DocumentKind = documentKind.ToString().ToLowerInvariant(),
            SourceKey = SourceKey(id),
            BaseUrl = baseUrl?.AbsoluteUri,
        };
        spool.Position = 0;
        await StoreAndCreateAsync(report, spool, size, contentType ?? "application/octet-stream", cancellationToken).ConfigureAwait(false);
        return ReportCreation.Created(id);
    }

    /// <summary>Fetches one page through the guard and accepts it as a document with the page's final URL as its base.</summary>
    public async Task<ReportCreation> CreateFromPageAsync(Uri url, IPageFetcher fetcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(fetcher);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ReportCreation.Rejected(ReportRejection.BadUrl, "The url must be an absolute http or https URL.");
        }

        var page = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (page.Body is null)
        {
            return ReportCreation.Rejected(page.Refused ? ReportRejection.BadUrl : ReportRejection.SourceUnavailable,
                page.Error ?? "The page could not be fetched.");
        }

        await using (page.Body)
        {
            var kind = page.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ? DocumentKind.Html : (DocumentKind?)null;
            try
            {
                return await CreateFromDocumentAsync(page.Body, url.AbsoluteUri, page.ContentType, kind, page.FinalUrl ?? url, "url", cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The page stopped sending, too slowly or at all, within the fetch's limits: its server's fault, not ours.
                return ReportCreation.Rejected(ReportRejection.SourceUnavailable, $"The page could not be read to the end: {e.Message}");
            }
        }
    }

    /// <summary>Accepts a list of links (a tender record's) as a report's source.</summary>
    public async Task<Guid> CreateFromLinksAsync(IEnumerable<(string Url, string Element)> links, string sourceKind, string? sourceName,
        Guid? tenderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        var id = Guid.CreateVersion7();
        await using var spool = OpenSpool();
        await using (var writer = new StreamWriter(spool, new UTF8Encoding(false), leaveOpen: true))
        {
            foreach (var (url, element) in links)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new ListedLink(url, element), ListedLink.Json)).ConfigureAwait(false);
            }
        }

        var report = new NewReport
        {
            Id = id,
            SourceKind = sourceKind,
            SourceName = sourceName,
            DocumentKind = LinkListKind,
            SourceKey = SourceKey(id),
            TenderId = tenderId,
        };
        var size = spool.Length;
        spool.Position = 0;
        await StoreAndCreateAsync(report, spool, size, "application/jsonl", cancellationToken).ConfigureAwait(false);
        return id;
    }

    public Task<ReportSummary?> GetAsync(Guid id, CancellationToken cancellationToken) => reports.GetSummaryAsync(id, cancellationToken);

    /// <summary>The report's state and error alone (cheap: no counts); null when there is no such report.</summary>
    public Task<(ReportState State, string? Error)?> GetStateAsync(Guid id, CancellationToken cancellationToken) =>
        reports.GetStateAsync(id, cancellationToken);

    public Task<LinkPage> GetLinksAsync(Guid id, LinkStatus? status, int page, int pageSize, CancellationToken cancellationToken) =>
        reports.GetLinksAsync(id, status, page, pageSize, cancellationToken);

    /// <summary>Opens a finished report file (<c>json</c>, <c>csv</c>, <c>html</c>); null when there is none.</summary>
    public async Task<(Stream Content, string ContentType)?> OpenReportAsync(Guid id, string format, CancellationToken cancellationToken)
    {
        var writer = writers.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));
        if (writer is null)
        {
            return null;
        }

        var stream = await files.OpenReadAsync(ReportKey(id, writer.Format), cancellationToken).ConfigureAwait(false);
        return stream is null ? null : (stream, writer.ContentType);
    }

    /// <summary>The extract step: reads the stored source and stores its links with the check plan, or fails the report
    /// when the document cannot be read. A redelivered message finds the report past extraction and does nothing.</summary>
    public async Task ExtractAsync(Guid id, CancellationToken cancellationToken)
    {
        var source = await reports.GetSourceAsync(id, cancellationToken).ConfigureAwait(false);
        if (source?.SourceKey is null)
        {
            LogUnknownReport(id, ReportQueues.Extract);
            return;
        }

        // Copied to a local file first: the extractor reads synchronously, and a retry should not depend on a long S3 read.
        await using var spool = OpenSpool();
        await using (var stored = await files.OpenReadAsync(source.SourceKey, cancellationToken).ConfigureAwait(false))
        {
            if (stored is null)
            {
                await reports.MarkFailedAsync(id, "The report's source document is missing from the object store.", cancellationToken).ConfigureAwait(false);
                return;
            }

            await stored.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
        }

        spool.Position = 0;
        var extraction = new ExtractionOptions { BaseUrl = source.BaseUrl is { } b && Uri.TryCreate(b, UriKind.Absolute, out var u) ? u : null };
        var documents = source.DocumentKind == LinkListKind
            ? [LinkExtractor.FromUrls(ReadLinkList(spool), extraction)]
            : LinkExtractor.Extract(spool, Enum.Parse<DocumentKind>(source.DocumentKind, ignoreCase: true), extraction);
        try
        {
            var plan = new ReportPlan(options.Value.ChunkSize, options.Value.CheckInternal);
            if (await reports.SaveExtractionAsync(id, documents, plan, cancellationToken).ConfigureAwait(false))
            {
                LogExtracted(id);
            }
        }
        catch (LinkExtractionException e)
        {
            LogUnreadable(id, e.Message);
            await reports.MarkFailedAsync(id, e.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The check step for one chunk: checks what is not checked yet, archives what is broken or dead, then
    /// marks the chunk done (the last one queues the write step).</summary>
    public async Task CheckChunkAsync(Guid id, int chunk, CancellationToken cancellationToken)
    {
        var pending = await reports.GetPendingAsync(id, chunk, cancellationToken).ConfigureAwait(false);
        var rules = historyOptions.Value;
        await foreach (var check in checker.CheckAllAsync(pending.Where(p => p.NeedsCheck).Select(p => p.Url), cancellationToken).ConfigureAwait(false))
        {
            var entry = await reports.RecordCheckAsync(id, check, rules, cancellationToken).ConfigureAwait(false);
            if (check.Status == LinkStatus.Broken || entry.Dead)
            {
                await ArchiveAsync(id, check.Url, entry, cancellationToken).ConfigureAwait(false);
            }
        }

        // Checked by an earlier, interrupted delivery but not archived yet.
        foreach (var url in pending.Where(p => !p.NeedsCheck))
        {
            var entry = await history.GetAsync(url.Url, cancellationToken).ConfigureAwait(false);
            await ArchiveAsync(id, url.Url, entry, cancellationToken).ConfigureAwait(false);
        }

        await reports.CompleteChunkAsync(id, chunk, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The write step: writes every format to the object store, then marks the report done. Running it again
    /// rewrites the same files.</summary>
    public async Task WriteAsync(Guid id, CancellationToken cancellationToken)
    {
        var summary = await reports.GetSummaryAsync(id, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            LogUnknownReport(id, ReportQueues.Write);
            return;
        }

        if (summary.State != ReportState.Writing)
        {
            return;
        }

        var finished = summary with { State = ReportState.Done, FinishedAt = time.GetUtcNow() };
        foreach (var writer in writers)
        {
            await using var spool = OpenSpool();
            await writer.WriteAsync(finished, reports.ReadDocumentsAsync(id, cancellationToken), spool, cancellationToken).ConfigureAwait(false);
            var size = spool.Length;
            spool.Position = 0;
            await files.PutAsync(ReportKey(id, writer.Format), spool, size, writer.ContentType, cancellationToken).ConfigureAwait(false);
        }

        await reports.MarkDoneAsync(id, cancellationToken).ConfigureAwait(false);
        LogWritten(id, summary.Links, summary.Urls);
    }

    /// <summary>The timer's step: claims the links due for a re-check and queues them.</summary>
    public Task<int> ScheduleRechecksAsync(CancellationToken cancellationToken) =>
        history.ScheduleDueAsync(time.GetUtcNow(), options.Value.RecheckLimit, options.Value.RecheckBatchSize, options.Value.RecheckLease, cancellationToken);

    /// <summary>Re-checks links outside any report, updating their history and archiving the newly broken or dead.</summary>
    public async Task RecheckAsync(IReadOnlyCollection<string> urls, CancellationToken cancellationToken)
    {
        var rules = historyOptions.Value;
        await foreach (var check in checker.CheckAllAsync(urls, cancellationToken).ConfigureAwait(false))
        {
            var entry = await history.RecordCheckAsync(check, rules, cancellationToken).ConfigureAwait(false);
            if ((check.Status == LinkStatus.Broken || entry.Dead) && (entry.ArchiveUrl is not { } known || !archive.IsCurrentCopy(known)))
            {
                var found = await archive.FindOrSaveAsync(check.Url, cancellationToken).ConfigureAwait(false);
                await history.RecordArchiveAsync(found, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Where a reader following <paramref name="url"/> goes: its archived copy when it is dead and has one, else the
    /// live page. Null for a URL no report has seen: <c>/api/go</c> is not an open redirect.</summary>
    public async Task<GoTarget?> ResolveAsync(string url, CancellationToken cancellationToken)
    {
        // The link as written in a post (a fragment, an upper-case host) is the same link as the one checked.
        var normalised = LinkExtractor.FromUrls([(url, "go")], new ExtractionOptions()).Links.FirstOrDefault()?.Url;
        var entry = await history.GetAsync(normalised ?? url, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }

        return entry is { Dead: true, ArchiveUrl: { } archived } && archive.IsCurrentCopy(archived)
            ? new GoTarget(archived, true)
            : new GoTarget(entry.Url, false);
    }

    private async Task ArchiveAsync(Guid id, string url, LinkHistoryEntry? entry, CancellationToken cancellationToken)
    {
        var result = entry?.ArchiveUrl is { } known && archive.IsCurrentCopy(known)
            ? new ArchiveResult(url, ArchiveOutcome.Found, known, Detail: "known from an earlier lookup")
            : await archive.FindOrSaveAsync(url, cancellationToken).ConfigureAwait(false);
        await reports.RecordArchiveAsync(id, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task StoreAndCreateAsync(NewReport report, Stream content, long size, string contentType, CancellationToken cancellationToken)
    {
        await files.PutAsync(report.SourceKey!, content, size, contentType, cancellationToken).ConfigureAwait(false);
        try
        {
            await reports.CreateAsync(report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No report row, so the stored source would be an orphan: remove it before reporting the failure.
            try
            {
                await files.DeleteAsync(report.SourceKey!, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception cleanup)
            {
                LogOrphan(report.SourceKey!, cleanup);
            }

            throw;
        }
    }

    private static async Task<string?> CheckXmlAsync(Stream spool, CancellationToken cancellationToken)
    {
        spool.Position = 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(spool, settings);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            return null;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return "a DTD (<!DOCTYPE ...>) is not allowed: internal and external entities are refused.";
        }
        catch (XmlException e)
        {
            return e.Message;
        }
    }

    private static IEnumerable<(string Url, string Element)> ReadLinkList(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && JsonSerializer.Deserialize<ListedLink>(line, ListedLink.Json) is { } link)
            {
                yield return (link.Url, link.Element);
            }
        }
    }

    private FileStream OpenSpool()
    {
        var folder = options.Value.SpoolDirectory ?? Path.GetTempPath();
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Documents and reports may be confidential: only this user may read the spool file.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(folder, "serverless-links-" + Guid.NewGuid().ToString("N")), fileOptions);
    }

    /// <summary>Copies to the spool; stops one buffer past the limit and returns a size above it.</summary>
    private static async Task<long> SpoolAsync(Stream content, Stream spool, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            size += read;
            if (size > limit)
            {
                return size;
            }

            await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return size;
    }

    private sealed record ListedLink(string Url, string Element)
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link report {Id} from {Queue} is unknown; message dropped")]
    private partial void LogUnknownReport(Guid id, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link report {Id}: links extracted, checks queued")]
    private partial void LogExtracted(Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link report {Id} failed: the document is unreadable: {Reason}")]
    private partial void LogUnreadable(Guid id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Link report {Id} written: {Links} links, {Urls} URLs checked")]
    private partial void LogWritten(Guid id, int links, int urls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove object {Key} after a failed report creation")]
    private partial void LogOrphan(string key, Exception exception);
}
