using Microsoft.Azure.Functions.Worker;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary>Queue <c>links-extract</c>: reads a report's document, stores its links and queues their checks.</summary>
public sealed class ExtractReportLinks(LinkReportService reports)
{
    [Function(nameof(ExtractReportLinks))]
    public Task Run([QueueTrigger(ReportQueues.Extract)] ReportMessage message, CancellationToken cancellationToken) =>
        reports.ExtractAsync(RequireReport(message, ReportQueues.Extract), cancellationToken);

    internal static Guid RequireReport(ReportMessage message, string queue) =>
        message.ReportId != Guid.Empty ? message.ReportId : throw new InvalidLinkMessageException($"A {queue} message needs \"reportId\".");
}
