using System.Xml;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Passes an <see cref="XmlReader"/> through and stops with <see cref="NestedTooDeepException"/> as soon as a node lies
/// deeper than the limit, so depth is refused while the tree is loaded, in the one pass over the bytes. (A separate
/// scan before loading cost as much as reading the whole notice once more: a third of the parse.)
/// </summary>
internal sealed class DepthLimitedXmlReader(XmlReader inner, int maxDepth) : XmlReader
{
    public override int AttributeCount => inner.AttributeCount;
    public override string BaseURI => inner.BaseURI;
    public override int Depth => inner.Depth;
    public override bool EOF => inner.EOF;
    public override bool HasValue => inner.HasValue;
    public override bool IsDefault => inner.IsDefault;
    public override bool IsEmptyElement => inner.IsEmptyElement;
    public override string LocalName => inner.LocalName;
    public override string Name => inner.Name;
    public override string NamespaceURI => inner.NamespaceURI;
    public override XmlNameTable NameTable => inner.NameTable;
    public override XmlNodeType NodeType => inner.NodeType;
    public override string Prefix => inner.Prefix;
    public override ReadState ReadState => inner.ReadState;
    public override XmlReaderSettings? Settings => inner.Settings;
    public override string Value => inner.Value;
    public override string XmlLang => inner.XmlLang;
    public override XmlSpace XmlSpace => inner.XmlSpace;

    public override string GetAttribute(int i) => inner.GetAttribute(i);
    public override string? GetAttribute(string name) => inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);
    public override void MoveToAttribute(int i) => inner.MoveToAttribute(i);
    public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);
    public override bool MoveToElement() => inner.MoveToElement();
    public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => inner.ReadAttributeValue();
    public override void ResolveEntity() => inner.ResolveEntity();

    public override bool Read()
    {
        if (!inner.Read())
        {
            return false;
        }

        return inner.Depth <= maxDepth ? true : throw new NestedTooDeepException(maxDepth);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>The input nests deeper than the parser accepts.</summary>
internal sealed class NestedTooDeepException(int maxDepth) : XmlException($"Elements are nested more than {maxDepth} deep; no notice is.");
