namespace Serverless.Links.Extraction;

/// <summary>The kinds of document links are extracted from.</summary>
public enum DocumentKind
{
    Html,
    /// <summary>A WordPress export (WXR 1.0-1.2): each post and page is its own document.</summary>
    Wxr,
    Markdown,
    Text,
}
