namespace Serverless.Links.Extraction;

/// <summary>One link as found in a document, resolved and classified. Pure data.</summary>
public sealed record ExtractedLink
{
    /// <summary>The link as written in the document (HTML character references decoded once, as a browser does).</summary>
    public required string Raw { get; init; }

    /// <summary>
    /// The absolute URL as it will be requested: resolved against the base, IDN host in punycode, percent-encoding kept
    /// exactly as written, without the fragment. Null when the link is not http(s) or cannot be resolved.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>The fragment without '#', kept apart from <see cref="Url"/>; null when there is none.</summary>
    public string? Fragment { get; init; }

    /// <summary>Checked or not, and why.</summary>
    public required LinkKind Kind { get; init; }

    /// <summary>Where it came from: <c>a</c>, <c>area</c>, <c>link</c>, <c>img</c>, <c>img[srcset]</c>, <c>iframe</c>,
    /// <c>source</c>, <c>markdown-inline</c>, <c>markdown-reference</c>, <c>autolink</c>, <c>bare</c>, <c>tender:documents</c>...</summary>
    public required string Element { get; init; }

    /// <summary>For <see cref="LinkKind.NotChecked"/>: why (e.g. <c>scheme mailto</c>, <c>relative link without a base URL</c>).</summary>
    public string? NotCheckedReason { get; init; }

    /// <summary>1-based line of the link in the document (for WXR: in the post's content), 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>The anchor text or the surrounding words, whitespace collapsed, at most 200 characters; null when none.</summary>
    public string? Context { get; init; }
}
