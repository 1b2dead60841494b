namespace Serverless.Links.Ports;

/// <summary>Where a Save Page Now request or job stands.</summary>
public enum SaveJobState
{
    /// <summary>Accepted and still running; poll the job id.</summary>
    Pending,
    /// <summary>Captured; see <see cref="SaveJobReply.Capture"/>.</summary>
    Succeeded,
    /// <summary>The account's capacity is used up: daily captures, concurrent sessions, this URL's daily captures,
    /// daily bandwidth, or HTTP 429. Asking again now would be refused too.</summary>
    QuotaExceeded,
    /// <summary>The archive refused the request or the capture failed (<c>status_ext</c> such as <c>error:not-found</c>,
    /// keys refused, a 4xx): final for this job.</summary>
    Failed,
    /// <summary>No usable answer (connection failed, timeout, 5xx, unreadable body): the job, if any, may still run.</summary>
    Unreachable,
}
