using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Serverless.Functions.Links;
using Serverless.Tenders.Ingestion;

namespace Serverless.Functions.Tenders;

/// <summary>
/// Queue <c>tenders-ingest</c>: <c>{"objectKey": "..."}</c> (a file already in the bucket) or <c>{"url": "https://..."}</c>
/// (fetched through the private-address guard). A message that cannot be ingested fails, is retried by the host
/// and ends in <c>tenders-ingest-poison</c> with its reason logged.
/// </summary>
public sealed class IngestTenderMessage(TenderIngestion ingestion, TenderLinkReports linkReports, ILogger<IngestTenderMessage> logger)
{
    public const string QueueName = "tenders-ingest";

    [Function(nameof(IngestTenderMessage))]
    public async Task Run([QueueTrigger(QueueName)] TenderIngestRequest message, CancellationToken cancellationToken)
    {
        var outcome = (message.ObjectKey, message.Url) switch
        {
            ({ Length: > 0 } key, null or "") => await ingestion.IngestObjectAsync(key, cancellationToken),
            (null or "", { Length: > 0 } url) when Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                => await ingestion.IngestUrlAsync(uri, cancellationToken),
            _ => throw new InvalidTenderMessageException("A tenders-ingest message needs exactly one of \"objectKey\" or \"url\" (an absolute http(s) URL)."),
        };

        await linkReports.RequestAsync(outcome, cancellationToken);
        switch (outcome)
        {
            case IngestOutcome.Created created:
                logger.LogInformation("Ingested tender {Id} from {Source}", created.Record.Id, message.ObjectKey ?? message.Url);
                break;
            case IngestOutcome.Duplicate duplicate:
                logger.LogInformation("{Source} was ingested before as tender {Id}", message.ObjectKey ?? message.Url, duplicate.Record.Id);
                break;
            case IngestOutcome.Rejected rejected:
                throw new InvalidTenderMessageException($"{message.ObjectKey ?? message.Url}: {string.Join(" ", rejected.Problems)}");
        }
    }
}

/// <summary>The body of a <c>tenders-ingest</c> message.</summary>
public sealed record TenderIngestRequest(string? ObjectKey, string? Url);

/// <summary>A message that cannot be ingested; the host retries it, then moves it to the poison queue.</summary>
public sealed class InvalidTenderMessageException(string message) : Exception(message);
