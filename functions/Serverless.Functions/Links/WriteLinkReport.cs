using Microsoft.Azure.Functions.Worker;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary>Queue <c>links-report</c>: writes the finished report (JSON, CSV, HTML) to the object store.</summary>
public sealed class WriteLinkReport(LinkReportService reports)
{
    [Function(nameof(WriteLinkReport))]
    public Task Run([QueueTrigger(ReportQueues.Write)] ReportMessage message, CancellationToken cancellationToken) =>
        reports.WriteAsync(ExtractReportLinks.RequireReport(message, ReportQueues.Write), cancellationToken);
}
