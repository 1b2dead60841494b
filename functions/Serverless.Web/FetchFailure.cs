using System.Net;

namespace Serverless.Web;

/// <summary>
/// A refused or failed fetch: the reason, the URL of the hop where it happened, and a sentence for logs and users.
/// </summary>
/// <param name="Reason">What went wrong.</param>
/// <param name="Url">The URL being fetched when it went wrong: the original one, or a redirect target.</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record FetchFailure(FetchFailureReason Reason, Uri Url, string Message)
{
    /// <summary>The response status, for <see cref="FetchFailureReason.HttpError"/>; otherwise null.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The refused address, for <see cref="FetchFailureReason.BlockedAddress"/>; otherwise null.</summary>
    public IPAddress? Address { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Reason}: {Message} ({Url})";
}
