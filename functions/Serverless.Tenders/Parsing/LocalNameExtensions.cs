using System.Xml.Linq;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Navigation by local name. TED changed its export namespace between schema releases
/// (R2.0.8 <c>…/TED_schema/Export</c>, R2.0.9 <c>…/ted/R2.0.9/publication</c>) and moved NUTS
/// elements into namespaces of their own, but kept element names, so names are what we match.
/// </summary>
internal static class LocalNameExtensions
{
    public static XElement? Child(this XElement? element, string localName) =>
        element?.Elements().FirstOrDefault(child => child.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(this XElement? element, string localName) =>
        element?.Elements().Where(child => child.Name.LocalName == localName) ?? [];

    public static XElement? ChildStartingWith(this XElement? element, string prefix) =>
        element?.Elements().FirstOrDefault(child => child.Name.LocalName.StartsWith(prefix, StringComparison.Ordinal));

    public static IEnumerable<XElement> DescendantsNamed(this XElement? element, string localName) =>
        element?.Descendants().Where(descendant => descendant.Name.LocalName == localName) ?? [];

    public static string? AttributeText(this XElement? element, string name) =>
        NoticeText.Normalize((string?)element?.Attribute(name));
}
