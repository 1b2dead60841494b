namespace Serverless.Links.Extraction;

/// <summary>What <see cref="LinkResolver"/> made of one link as written.</summary>
internal sealed record ResolvedLink
{
    /// <summary>Not a link to anything but the document itself (empty, or <c>#fragment</c> only): left out of the list.</summary>
    public bool IsSameDocument { get; private init; }

    /// <summary>The absolute http(s) URL without its fragment; null when not checkable (see <see cref="NotCheckedReason"/>).</summary>
    public string? Url { get; private init; }

    /// <summary>The URL's host, lower case, IDN labels in punycode; set with <see cref="Url"/>.</summary>
    public string? Host { get; private init; }

    public string? Fragment { get; private init; }

    public string? NotCheckedReason { get; private init; }

    public static ResolvedLink SameDocument { get; } = new() { IsSameDocument = true };

    public static ResolvedLink Web(string url, string host, string? fragment) => new() { Url = url, Host = host, Fragment = fragment };

    public static ResolvedLink NotChecked(string reason) => new() { NotCheckedReason = reason };
}
