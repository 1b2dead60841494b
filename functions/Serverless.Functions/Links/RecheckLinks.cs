using Microsoft.Azure.Functions.Worker;
using Serverless.Links.Reports;

namespace Serverless.Functions.Links;

/// <summary>Queue <c>links-recheck</c>: re-checks links that are due, outside any report, and updates their history.</summary>
public sealed class RecheckLinks(LinkReportService reports)
{
    private const int MaxUrls = 1000;

    [Function(nameof(RecheckLinks))]
    public Task Run([QueueTrigger(ReportQueues.Recheck)] RecheckMessage message, CancellationToken cancellationToken)
    {
        if (message.Urls is not { Count: > 0 and <= MaxUrls } urls || urls.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidLinkMessageException($"A {ReportQueues.Recheck} message needs \"urls\": 1 to {MaxUrls} URLs.");
        }

        return reports.RecheckAsync(urls, cancellationToken);
    }
}
