using System.Net;

namespace Serverless.Web.Addresses;

/// <summary>The decision on one address: what it is, and whether outbound HTTP may connect to it.</summary>
internal readonly record struct AddressVerdict(IPAddress Address, AddressCategory Category, bool IsAllowed);
