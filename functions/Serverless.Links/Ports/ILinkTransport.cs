namespace Serverless.Links.Ports;

/// <summary>
/// Sends exactly one HTTP request for the link checker and reports what came back. It follows no redirects, keeps no
/// cookies and never retries: the checker does all three. It refuses addresses that outbound HTTP may not reach.
/// Implemented by the outbound HTTP adapter.
/// </summary>
public interface ILinkTransport
{
    /// <summary>Sends <paramref name="request"/>; every network failure is returned as a value, never thrown.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<LinkResponse> SendAsync(LinkRequest request, CancellationToken cancellationToken);
}
