using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Serverless.Web.Connections;

namespace Serverless.Web;

/// <summary>
/// Start-up validation of <see cref="SafeHttpOptions"/>. Every message names the setting and how to fix it.
/// </summary>
internal sealed class SafeHttpOptionsValidator : IValidateOptions<SafeHttpOptions>
{
    /// <summary>A redirect chain longer than this is a loop or an abuse, never a document.</summary>
    internal const int RedirectCeiling = 20;

    public ValidateOptionsResult Validate(string? name, SafeHttpOptions options)
    {
        var problems = new List<string>();
        var section = SafeHttpOptions.SectionName;

        foreach (var entry in options.AllowedPrivateNetworks)
        {
            var text = entry?.Trim() ?? string.Empty;
            if (!IPNetwork.TryParse(text, out var network))
            {
                problems.Add($"{section}:AllowedPrivateNetworks entry '{entry}' is not a network in CIDR notation; write it like '127.0.0.0/8' or 'fd00::/8'.");
            }
            else if (!IPAddress.Parse(text[..text.IndexOf('/')]).Equals(network.BaseAddress))
            {
                // IPNetwork silently drops host bits; "10.1.2.3/8" is more likely a typo for a /32 than a wish for all of 10/8.
                problems.Add($"{section}:AllowedPrivateNetworks entry '{entry}' has host bits set; write '{network}' for the whole network or '{text[..text.IndexOf('/')]}/{(network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}' for one address.");
            }
            else if (network.PrefixLength == 0)
            {
                problems.Add($"{section}:AllowedPrivateNetworks entry '{entry}' allows every address and so turns the private-address guard off; list only the private networks that must be reached.");
            }
        }

        foreach (var entry in options.ConnectTo)
        {
            if (!ConnectToRule.TryParse(entry, out _, out var error))
            {
                problems.Add($"{section}:ConnectTo entry '{entry}' {error}.");
            }
        }

        foreach (var thumbprint in options.PinnedCertificates)
        {
            if (thumbprint is null || !CertificatePins.IsWellFormed(thumbprint))
            {
                problems.Add($"{section}:PinnedCertificates entry '{thumbprint}' is not a SHA-256 thumbprint; write the certificate's 64 hex digits (colons allowed).");
            }
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{section}:ConnectTimeout must be positive (for example '00:00:10'); it is '{options.ConnectTimeout}'.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            problems.Add($"{section}:Timeout must be positive (for example '00:01:00'); it is '{options.Timeout}'.");
        }

        if (options.MaxResponseBytes <= 0)
        {
            problems.Add($"{section}:MaxResponseBytes must be positive; it is {options.MaxResponseBytes}.");
        }

        if (options.MaxRedirects is < 0 or > RedirectCeiling)
        {
            problems.Add($"{section}:MaxRedirects must be between 0 and {RedirectCeiling}; it is {options.MaxRedirects}.");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent) || !IsValidUserAgent(options.UserAgent))
        {
            problems.Add($"{section}:UserAgent '{options.UserAgent}' is not a valid User-Agent header value; use product tokens such as '{SafeHttpOptions.DefaultUserAgent}'.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsValidUserAgent(string value)
    {
        using var request = new HttpRequestMessage();
        return request.Headers.UserAgent.TryParseAdd(value);
    }
}
