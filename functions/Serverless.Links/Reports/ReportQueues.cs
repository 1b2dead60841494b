namespace Serverless.Links.Reports;

/// <summary>The queues a report flows through. Messages are JSON written by the report store in the same transaction
/// as the state they continue, so no step is lost or run twice for lack of a message.</summary>
public static class ReportQueues
{
    /// <summary><c>{"reportId": "..."}</c>: read the source, store its links, plan the checks.</summary>
    public const string Extract = "links-extract";

    /// <summary><c>{"reportId": "...", "chunk": n}</c>: check one chunk of the report's distinct URLs, archive the broken ones.</summary>
    public const string Check = "links-check";

    /// <summary><c>{"reportId": "..."}</c>: write the JSON, CSV and HTML files and mark the report done.</summary>
    public const string Write = "links-report";

    /// <summary><c>{"urls": ["...", ...]}</c>: re-check links that are due (from the timer), outside any report.</summary>
    public const string Recheck = "links-recheck";
}
