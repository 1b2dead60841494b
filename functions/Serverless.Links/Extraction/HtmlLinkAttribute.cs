namespace Serverless.Links.Extraction;

/// <summary>One attribute of an HTML element that holds a URL (or, for <c>srcset</c>, several).</summary>
/// <param name="Name">The attribute, e.g. <c>href</c>.</param>
/// <param name="Element">What <see cref="ExtractedLink.Element"/> says: the tag for its main attribute, <c>tag[attribute]</c> otherwise.</param>
/// <param name="IsSrcset">A comma-separated list of image candidates rather than one URL.</param>
internal sealed record HtmlLinkAttribute(string Name, string Element, bool IsSrcset = false);
