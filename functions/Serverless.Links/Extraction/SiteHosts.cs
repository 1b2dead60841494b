using AngleSharp.Dom;

namespace Serverless.Links.Extraction;

/// <summary>
/// The hosts that count as the site itself, for telling <see cref="LinkKind.Internal"/> from
/// <see cref="LinkKind.Outbound"/>.
/// </summary>
/// <remarks>
/// A link is internal when its host is a site host or a subdomain of one, a leading <c>www.</c> being ignored on
/// both sides: for the site <c>www.example.org</c>, links to <c>example.org</c>, <c>www.example.org</c> and
/// <c>docs.example.org</c> are internal, links to <c>example.com</c> or <c>notexample.org</c> are not. Subdomains are
/// the same organisation in practice (a blog's <c>docs.</c> or <c>shop.</c> site), while a sibling such as
/// <c>bugzilla.mozilla.org</c> seen from <c>blog.nightly.mozilla.org</c> is another site and stays outbound.
/// Scheme and port are ignored.
/// </remarks>
internal sealed class SiteHosts
{
    private const string Www = "www.";

    private readonly string[] _hosts;

    private SiteHosts(string[] hosts) => _hosts = hosts;

    public static SiteHosts None { get; } = new([]);

    /// <summary>Host names (<c>example.org</c>, <c>bücher.de</c>) or absolute URLs; blanks and unreadable values are left out.</summary>
    public static SiteHosts From(IEnumerable<string?> hostsOrUrls)
    {
        var hosts = hostsOrUrls
            .Select(Normalise)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return hosts.Length == 0 ? None : new SiteHosts(hosts);
    }

    public bool IsEmpty => _hosts.Length == 0;

    /// <summary>Whether <paramref name="host"/> (as <see cref="LinkResolver"/> gives it: lower case, punycode) is the site.</summary>
    public bool Contains(string host)
    {
        var bare = WithoutWww(host);
        foreach (var site in _hosts)
        {
            if (bare.Length == site.Length
                ? string.Equals(bare, site, StringComparison.Ordinal)
                : bare.Length > site.Length && bare[^(site.Length + 1)] == '.' && bare.EndsWith(site, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Through the same URL parser as links, so an IDN or upper-case site host compares equal to the links' hosts.</summary>
    private static string? Normalise(string? hostOrUrl)
    {
        if (string.IsNullOrWhiteSpace(hostOrUrl))
        {
            return null;
        }

        var value = hostOrUrl.Trim();
        var parsed = value.Contains("://", StringComparison.Ordinal) ? new Url(value) : new Url("http://" + value);
        return parsed.IsInvalid || string.IsNullOrEmpty(parsed.HostName) ? null : WithoutWww(parsed.HostName);
    }

    private static string WithoutWww(string host) =>
        host.StartsWith(Www, StringComparison.Ordinal) && host.Length > Www.Length ? host[Www.Length..] : host;
}
