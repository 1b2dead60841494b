using Serverless.Web.Addresses;

namespace Serverless.Web.Connections;

/// <summary>
/// Thrown by the connect callback when a host resolves to an address the policy refuses. It never leaves this
/// library: <see cref="SafeHttpFetcher"/> turns it into <see cref="FetchFailureReason.BlockedAddress"/>.
/// </summary>
internal sealed class BlockedAddressException(string host, AddressVerdict verdict)
    : Exception($"'{host}' resolves to {verdict.Address} ({verdict.Category}), which outbound HTTP may not reach.")
{
    public string Host { get; } = host;

    public AddressVerdict Verdict { get; } = verdict;
}
