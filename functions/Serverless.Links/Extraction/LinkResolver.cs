using AngleSharp.Dom;

namespace Serverless.Links.Extraction;

/// <summary>
/// Turns a link as written into the URL a browser would request: resolved against the base, IDN host in
/// punycode, scheme and host in lower case, default port and dot segments removed, characters that cannot
/// stand in a URL percent-encoded, and every <c>%XX</c> already written kept exactly as it is.
/// </summary>
/// <remarks>
/// Parsing is AngleSharp's WHATWG URL parser, the algorithm browsers follow. <see cref="System.Uri"/> is
/// deliberately not used on the way: it rewrites what it considers unreserved (<c>%7E</c> becomes <c>~</c>,
/// <c>%41</c> becomes <c>A</c>), and a server may treat those differently.
/// </remarks>
internal static class LinkResolver
{
    private const int MaxPort = 65535;

    /// <summary>U+0000 to U+0020: what the URL standard strips from both ends of a link.</summary>
    private static readonly char[] ControlsAndSpace = [.. Enumerable.Range(0, 0x21).Select(code => (char)code)];

    /// <summary>Resolves <paramref name="raw"/> against <paramref name="baseUrl"/> (null: the document's URL is unknown).</summary>
    public static ResolvedLink Resolve(string raw, Url? baseUrl)
    {
        var trimmed = Trim(raw);
        // An empty link or a bare '#name' points into the page itself; a link report has nothing to check there.
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return ResolvedLink.SameDocument;
        }

        var scheme = SchemeOf(trimmed);
        if (scheme is not null && !IsWebScheme(scheme))
        {
            return ResolvedLink.NotChecked(NotCheckedReasons.Scheme(scheme));
        }

        Url parsed;
        if (scheme is not null)
        {
            // The base still matters for an absolute link: "http:page" is relative to an http base.
            parsed = baseUrl is null ? new Url(trimmed) : new Url(baseUrl, trimmed);
        }
        else if (IsProtocolRelative(trimmed))
        {
            // "//host/path" takes the base's scheme. Without a web base there is none to take: http is the plain
            // choice, and a site that wants https redirects there, which the checker follows.
            parsed = baseUrl is not null && IsWebScheme(baseUrl.Scheme) ? new Url(baseUrl, trimmed) : new Url("http:" + trimmed);
        }
        else if (baseUrl is null)
        {
            return ResolvedLink.NotChecked(NotCheckedReasons.RelativeWithoutBase);
        }
        else
        {
            parsed = new Url(baseUrl, trimmed);
        }

        if (parsed.IsInvalid || parsed.IsRelative)
        {
            return ResolvedLink.NotChecked(NotCheckedReasons.Malformed);
        }

        if (!IsWebScheme(parsed.Scheme))
        {
            // A relative link under a base that is not http(s), e.g. a file: URL.
            return ResolvedLink.NotChecked(NotCheckedReasons.Scheme(parsed.Scheme));
        }

        if (string.IsNullOrEmpty(parsed.HostName) || !PortIsValid(parsed.Port))
        {
            return ResolvedLink.NotChecked(NotCheckedReasons.Malformed);
        }

        var href = parsed.Href;
        // The serializer percent-encodes any '#' of the path and query, so the first one starts the fragment.
        var hash = href.IndexOf('#');
        var url = hash < 0 ? href : href[..hash];
        var fragment = hash < 0 || hash == href.Length - 1 ? null : href[(hash + 1)..];
        return ResolvedLink.Web(url, parsed.HostName, fragment);
    }

    /// <summary>Parses an absolute base URL; null when <paramref name="value"/> is empty or not an absolute URL.</summary>
    public static Url? ParseBase(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parsed = new Url(Trim(value));
        return parsed.IsInvalid || parsed.IsRelative || string.IsNullOrEmpty(parsed.Scheme) ? null : parsed;
    }

    /// <summary>Resolves an HTML <c>&lt;base href&gt;</c> against the document URL; null when it cannot give an absolute URL.</summary>
    public static Url? ResolveBase(string? href, Url? documentUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return documentUrl;
        }

        var trimmed = Trim(href);
        var parsed = documentUrl is null ? new Url(trimmed) : new Url(documentUrl, trimmed);
        return parsed.IsInvalid || parsed.IsRelative ? documentUrl : parsed;
    }

    /// <summary>The same URL as an AngleSharp <see cref="Url"/>; the original text is used so nothing is re-escaped.</summary>
    public static Url? FromUri(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }

        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base URL '{uri.OriginalString}' is not absolute.", nameof(uri));
        }

        return ParseBase(uri.OriginalString);
    }

    public static bool IsWebScheme(string? scheme) =>
        string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase);

    /// <summary>As browsers do: leading and trailing spaces and control characters go, and so do tabs and newlines inside.</summary>
    private static string Trim(string value)
    {
        var trimmed = value.Trim(ControlsAndSpace);
        return trimmed.AsSpan().ContainsAny('\t', '\n', '\r') ? string.Concat(trimmed.Split(['\t', '\n', '\r'])) : trimmed;
    }

    /// <summary>The scheme (RFC 3986: a letter, then letters, digits, '+', '-', '.') before the first ':', or null.</summary>
    private static string? SchemeOf(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]))
        {
            return null;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return value[..i];
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Two slashes, either way round: browsers read '\' as '/' in http(s) URLs.</summary>
    private static bool IsProtocolRelative(string value) =>
        value.Length >= 2 && value[0] is '/' or '\\' && value[1] is '/' or '\\';

    private static bool PortIsValid(string? port) =>
        string.IsNullOrEmpty(port) || (int.TryParse(port, out var number) && number is >= 0 and <= MaxPort);
}
