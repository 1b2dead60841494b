using System.Net;

namespace Serverless.Testing.Wayback;

/// <summary>How the simulated Save Page Now 2 treats a save request for one URL.</summary>
public sealed record SaveBehaviour
{
    private SaveBehaviour(SaveBehaviourKind kind) => Kind = kind;

    public SaveBehaviourKind Kind { get; }

    /// <summary>Status polls answered "pending" before the job ends.</summary>
    public int PendingPolls { get; private init; }

    /// <summary>The capture's timestamp on success.</summary>
    public string? Timestamp { get; private init; }

    /// <summary>The <c>status_ext</c> of an error.</summary>
    public string? StatusExt { get; private init; }

    public string? Message { get; private init; }

    public HttpStatusCode StatusCode { get; private init; } = HttpStatusCode.OK;

    /// <summary>The <c>Retry-After</c> seconds of a 429.</summary>
    public int RetryAfterSeconds { get; private init; }

    /// <summary>Accepts the job; it answers "pending" <paramref name="pendingPolls"/> times, then success with a
    /// capture at <paramref name="timestamp"/> that the lookups know from then on.</summary>
    public static SaveBehaviour Succeed(string timestamp, int pendingPolls = 0) =>
        new(SaveBehaviourKind.Succeed) { Timestamp = timestamp, PendingPolls = pendingPolls };

    /// <summary>Accepts the job; it answers "pending" <paramref name="pendingPolls"/> times, then an error.</summary>
    public static SaveBehaviour FailJob(string statusExt, string message, int pendingPolls = 0) =>
        new(SaveBehaviourKind.FailJob) { StatusExt = statusExt, Message = message, PendingPolls = pendingPolls };

    /// <summary>Refuses at once: <c>{"status":"error","status_ext":...,"message":...}</c> with HTTP 200 and no job id,
    /// as Save Page Now does.</summary>
    public static SaveBehaviour Refuse(string statusExt, string message) =>
        new(SaveBehaviourKind.Refuse) { StatusExt = statusExt, Message = message };

    /// <summary>Refuses at once with <paramref name="status"/> and a JSON body holding only <paramref name="message"/>.</summary>
    public static SaveBehaviour RefuseWithMessage(HttpStatusCode status, string message) =>
        new(SaveBehaviourKind.RefuseWithMessage) { StatusCode = status, Message = message };

    /// <summary>Answers 429 Too Many Requests with <c>Retry-After</c>.</summary>
    public static SaveBehaviour TooManyRequests(int retryAfterSeconds = 60) =>
        new(SaveBehaviourKind.TooManyRequests) { StatusCode = HttpStatusCode.TooManyRequests, RetryAfterSeconds = retryAfterSeconds };
}
