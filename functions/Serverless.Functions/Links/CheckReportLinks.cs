using Microsoft.Azure.Functions.Worker;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary>Queue <c>links-check</c>: checks one chunk of a report's URLs and archives the broken ones. Several host
/// instances share a large report this way; a redelivered chunk resumes where it stopped.</summary>
public sealed class CheckReportLinks(LinkReportService reports)
{
    [Function(nameof(CheckReportLinks))]
    public Task Run([QueueTrigger(ReportQueues.Check)] ReportMessage message, CancellationToken cancellationToken)
    {
        var id = ExtractReportLinks.RequireReport(message, ReportQueues.Check);
        var chunk = message.Chunk is { } c and >= 0 ? c : throw new InvalidLinkMessageException($"A {ReportQueues.Check} message needs \"chunk\" >= 0.");
        return reports.CheckChunkAsync(id, chunk, cancellationToken);
    }
}
