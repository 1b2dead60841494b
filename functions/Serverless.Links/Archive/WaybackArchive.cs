using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Links.Ports;

namespace Serverless.Links.Archive;

/// <summary>
/// The archive step for one dead or broken link: an existing capture from the availability API, else from the CDX
/// index (the availability API is known to answer "nothing" for URLs the index holds), else a Save Page Now 2 capture,
/// requested at most once per URL within <see cref="WaybackOptions.SaveWindow"/> and polled until it ends or
/// <see cref="WaybackOptions.StatusPollTimeout"/> passes. Links into the archive itself are skipped without a request.
/// </summary>
/// <remarks>
/// This is the layer that polls. Nothing here retries a failed request, and the adapter does not either: a failure is
/// reported and the next run asks again.
/// </remarks>
public sealed partial class WaybackArchive : IArchive
{
    private readonly IWaybackApi _api;
    private readonly ISaveRequestLog _saveLog;
    private readonly WaybackOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WaybackArchive> _logger;
    private readonly ArchiveLinkMatcher _archiveLinks;

    /// <summary>Creates the policy over the archive's API and the save-request log.</summary>
    public WaybackArchive(IWaybackApi api, ISaveRequestLog saveLog, IOptions<WaybackOptions> options, TimeProvider time, ILogger<WaybackArchive> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _saveLog = saveLog;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _archiveLinks = new ArchiveLinkMatcher(_options);
    }

    /// <inheritdoc />
    /// <remarks>Only the caller's cancellation throws, and whatever the save-request log throws.</remarks>
    /// <inheritdoc/>
    public bool IsCurrentCopy(string archiveUrl) =>
        archiveUrl.StartsWith(_options.WebBaseUrl.TrimEnd('/') + "/web/", StringComparison.OrdinalIgnoreCase);

    public async Task<ArchiveResult> FindOrSaveAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new ArchiveResult(url, ArchiveOutcome.NotArchived, Detail: "The Wayback Machine holds only absolute http(s) URLs.");
        }

        if (_archiveLinks.IsArchiveLink(uri))
        {
            return new ArchiveResult(url, ArchiveOutcome.Skipped, Detail: "The link already points into the archive.");
        }

        var availability = await _api.LookUpAvailabilityAsync(url, cancellationToken).ConfigureAwait(false);
        if (availability.IsFound)
        {
            return Found(url, availability.Capture, "Found by the availability API.");
        }

        var cdx = await _api.LookUpCdxAsync(url, cancellationToken).ConfigureAwait(false);
        if (cdx.IsFound)
        {
            return Found(url, cdx.Capture, availability.Status == CaptureLookupStatus.Failed
                ? $"Found in the CDX index (the availability API failed: {availability.Detail})."
                : "Found in the CDX index (the availability API answered nothing).");
        }

        if (cdx.Status == CaptureLookupStatus.Failed)
        {
            var detail = availability.Status == CaptureLookupStatus.Failed
                ? $"The archive could not be asked: availability API: {availability.Detail}; CDX index: {cdx.Detail}"
                : $"The availability API answered nothing and the CDX index could not be read: {cdx.Detail}";
            LogLookupFailed(url, detail);
            return new ArchiveResult(url, ArchiveOutcome.Failed, Detail: detail);
        }

        return await SaveAsync(url, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ArchiveResult> SaveAsync(string url, CancellationToken cancellationToken)
    {
        if (!_options.HasKeys)
        {
            return new ArchiveResult(url, ArchiveOutcome.NotArchived,
                Detail: $"No capture exists, and no save was requested: Save Page Now needs {WaybackOptions.SectionName}:AccessKey and {WaybackOptions.SectionName}:SecretKey.");
        }

        // Read the account first, so a used-up quota costs neither a refused request nor this URL's reservation.
        var capacity = await _api.GetSaveCapacityAsync(cancellationToken).ConfigureAwait(false);
        if (!capacity.IsAnswered)
        {
            return new ArchiveResult(url, ArchiveOutcome.Failed, Detail: $"No capture exists, and Save Page Now's account status could not be read: {capacity.Failure}");
        }

        if (capacity.Capacity is { DailyCapturesLimit: > 0 } daily && daily.DailyCaptures >= daily.DailyCapturesLimit)
        {
            var detail = $"Save Page Now's daily quota is used up ({daily.DailyCaptures} of {daily.DailyCapturesLimit} captures today).";
            LogQuota(url, detail);
            return new ArchiveResult(url, ArchiveOutcome.QuotaExceeded, Detail: detail);
        }

        if (capacity.Capacity.Available <= 0)
        {
            var detail = $"Save Page Now has no free capture session for this account ({capacity.Capacity.Processing} running).";
            LogQuota(url, detail);
            return new ArchiveResult(url, ArchiveOutcome.QuotaExceeded, Detail: detail);
        }

        if (!await _saveLog.TryReserveAsync(url, _options.SaveWindow, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return new ArchiveResult(url, ArchiveOutcome.NotArchived,
                Detail: $"No capture exists yet; a save was already requested within the last {_options.SaveWindow} ({WaybackOptions.SectionName}:SaveWindow).");
        }

        var submitted = await _api.RequestSaveAsync(url, cancellationToken).ConfigureAwait(false);
        LogSaveRequested(url, submitted.State, submitted.JobId);
        return submitted switch
        {
            { State: SaveJobState.Pending, JobId: { } jobId } => await PollAsync(url, jobId, cancellationToken).ConfigureAwait(false),
            { State: SaveJobState.Pending } => new ArchiveResult(url, ArchiveOutcome.Failed, Detail: "Save Page Now accepted the request without a job id."),
            _ => Settled(url, submitted, "The save request failed"),
        };
    }

    private async Task<ArchiveResult> PollAsync(string url, string jobId, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        string? lastProblem = null;
        while (true)
        {
            await Task.Delay(_options.StatusPollInterval, _time, cancellationToken).ConfigureAwait(false);
            var status = await _api.GetSaveStatusAsync(jobId, cancellationToken).ConfigureAwait(false);
            switch (status.State)
            {
                case SaveJobState.Pending:
                    lastProblem = null;
                    break;
                case SaveJobState.Unreachable:
                    // The job runs on regardless of whether its status can be read: keep asking until the timeout.
                    lastProblem = status.Detail;
                    break;
                default:
                    return Settled(url, status, $"Save Page Now job {jobId} failed");
            }

            if (_time.GetUtcNow() - started >= _options.StatusPollTimeout)
            {
                var detail = $"Save Page Now job {jobId} was still running after {_options.StatusPollTimeout} ({WaybackOptions.SectionName}:StatusPollTimeout); look the URL up again later."
                    + (lastProblem is null ? string.Empty : $" Its last status could not be read: {lastProblem}");
                return new ArchiveResult(url, ArchiveOutcome.Pending, Detail: detail);
            }
        }
    }

    /// <summary>Maps a save request's or job's final state.</summary>
    private ArchiveResult Settled(string url, SaveJobReply reply, string failurePrefix)
    {
        switch (reply.State)
        {
            case SaveJobState.Succeeded when reply.Capture is { } capture:
                return new ArchiveResult(url, ArchiveOutcome.Saved, capture.PlaybackUrl, capture.Timestamp,
                    $"Captured by Save Page Now{(reply.JobId is null ? string.Empty : $" (job {reply.JobId})")}.");
            case SaveJobState.Succeeded:
                return new ArchiveResult(url, ArchiveOutcome.Failed, Detail: "Save Page Now reported success without a capture.");
            case SaveJobState.QuotaExceeded:
                LogQuota(url, reply.Detail);
                return new ArchiveResult(url, ArchiveOutcome.QuotaExceeded, Detail: $"Save Page Now's quota is used up: {reply.Detail}");
            default:
                return new ArchiveResult(url, ArchiveOutcome.Failed, Detail: $"{failurePrefix}: {reply.Detail}");
        }
    }

    private static ArchiveResult Found(string url, WaybackCapture capture, string detail) =>
        new(url, ArchiveOutcome.Found, capture.PlaybackUrl, capture.Timestamp, detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wayback lookup of {Url} failed: {Detail}")]
    private partial void LogLookupFailed(string url, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Save Page Now quota for {Url}: {Detail}")]
    private partial void LogQuota(string url, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Save Page Now request for {Url}: {State} (job {JobId})")]
    private partial void LogSaveRequested(string url, SaveJobState state, string? jobId);
}
