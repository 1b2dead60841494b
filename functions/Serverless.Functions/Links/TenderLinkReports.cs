using Microsoft.Extensions.Options;
using Serverless.Links.Reports;
using Serverless.Tenders.Ingestion;

namespace Serverless.Functions.Links;

/// <summary>Requests a link report for a newly ingested tender's links when <c>LinkReports:ReportTenderLinks</c> is on.</summary>
public sealed class TenderLinkReports(LinkReportService reports, IOptions<LinkReportOptions> options)
{
    /// <summary>The report's id, or null when none was requested (option off, not a new tender, or no links).</summary>
    public async Task<Guid?> RequestAsync(IngestOutcome outcome, CancellationToken cancellationToken)
    {
        if (!options.Value.ReportTenderLinks || outcome is not IngestOutcome.Created { Record: { Links.Count: > 0 } record })
        {
            return null;
        }

        return await reports.CreateFromLinksAsync(record.Links.Select(l => (l.Url, "tender:" + l.Kind)), "tender",
            record.Title ?? record.NoticeId, record.Id, cancellationToken);
    }
}
