namespace Serverless.Links.Extraction;

/// <summary>What is done with an extracted link.</summary>
public enum LinkKind
{
    /// <summary>An http(s) link to another site: checked.</summary>
    Outbound,
    /// <summary>An http(s) link to the document's own site (see <see cref="ExtractionOptions.SiteHosts"/>): listed, checked only when asked.</summary>
    Internal,
    /// <summary><c>mailto:</c>, <c>tel:</c>, <c>javascript:</c>, <c>data:</c>, unresolvable relative links...: listed, never checked.</summary>
    NotChecked,
}
