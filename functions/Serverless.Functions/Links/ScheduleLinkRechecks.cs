using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary>
/// Timer (NCRONTAB <c>LinkReports:RecheckSchedule</c>, every six hours by default): queues the links whose re-check is due.
/// With the PostgreSQL schedule monitor one instance fires each occurrence, and an occurrence missed while no instance
/// ran fires once at start-up.
/// </summary>
public sealed class ScheduleLinkRechecks(LinkReportService reports, ILogger<ScheduleLinkRechecks> logger)
{
    /// <summary>The configuration key of the schedule (a <c>%...%</c> binding expression, as on Azure).</summary>
    public const string ScheduleSetting = "LinkReports:RecheckSchedule";

    public const string DefaultSchedule = "0 0 */6 * * *";

    [Function(nameof(ScheduleLinkRechecks))]
    public async Task Run([TimerTrigger("%" + ScheduleSetting + "%", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var scheduled = await reports.ScheduleRechecksAsync(cancellationToken);
        logger.LogInformation("Queued {Count} links for a re-check{PastDue}", scheduled, timer.IsPastDue ? " (a missed occurrence)" : "");
    }
}
