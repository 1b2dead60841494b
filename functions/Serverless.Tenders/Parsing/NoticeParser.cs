using System.Xml;
using System.Xml.Linq;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Reads one procurement notice file into a <see cref="ParseResult"/>: an eForms notice (UBL roots
/// <c>ContractNotice</c>, <c>ContractAwardNotice</c>, <c>PriorInformationNotice</c>) or a legacy TED
/// export (<c>TED_EXPORT</c>, R2.0.8 and R2.0.9). Pure and safe: DTDs are refused and nothing outside
/// the stream is ever resolved, and every kind of bad input (empty, truncated, not a notice) comes back
/// as problems, never as an exception.
/// </summary>
/// <remarks>
/// The stream is read once, forward only. The root element is sniffed before anything else is
/// loaded, so a file that is no notice is turned away after its first element. A notice itself is
/// loaded into memory (they are a few hundred kilobytes at most); how large an upload may be is
/// decided where the bytes come in, not here.
/// </remarks>
public sealed class NoticeParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        // Prohibit, not Ignore: a DOCTYPE is an error we report, so XXE and entity expansion
        // ("billion laughs") cannot happen, and no resolver means nothing is ever fetched.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>Parses the notice in <paramref name="content"/>, read from its current position.</summary>
    /// <param name="content">The notice file. It is read but not disposed.</param>
    /// <returns>The record without id, documents and ingestion time, or the problems that stop it.</returns>
    public ParseResult Parse(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);

        var counted = new ByteCountingStream(content);
        try
        {
            using var reader = new DepthLimitedXmlReader(XmlReader.Create(counted, Settings), MaxDepth);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                return ParseResult.Failure(counted.BytesRead == 0 ? ParseProblems.Empty : ParseProblems.NoRootElement);
            }

            var rootName = XName.Get(reader.LocalName, reader.NamespaceURI);
            Func<XElement, ParseResult>? parse =
                EformsNoticeParser.CanParse(rootName) ? EformsNoticeParser.Parse
                : TedNoticeParser.CanParse(rootName) ? TedNoticeParser.Parse
                : null;
            if (parse is null)
            {
                return ParseResult.Failure(ParseProblems.NotANotice(rootName));
            }

            var root = XElement.Load(reader);
            // Read to the end so that anything malformed after the root element is caught too.
            while (reader.Read())
            {
            }

            return parse(root);
        }
        catch (NestedTooDeepException ex)
        {
            return ParseResult.Failure(ex.Message);
        }
        catch (XmlException ex)
        {
            return ParseResult.Failure(Describe(ex, counted.BytesRead));
        }
    }

    /// <summary>Real notices nest about 15 deep. Far deeper input is refused as soon as the reader meets it, before it is
    /// loaded deeper: it costs the tree and the format parsers time that grows faster than its size (a cheap denial of service).</summary>
    public const int MaxDepth = 100;

    private static string Describe(XmlException ex, long bytesRead)
    {
        if (bytesRead == 0)
        {
            return ParseProblems.Empty;
        }

        // XmlException carries no error code: the runtime's "DTD is prohibited" message is the only
        // signal that the reader stopped at a DOCTYPE.
        if (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return ParseProblems.DtdNotAllowed;
        }

        var suffix = $" Line {ex.LineNumber}, position {ex.LinePosition}.";
        var detail = ex.Message.EndsWith(suffix, StringComparison.Ordinal) ? ex.Message[..^suffix.Length] : ex.Message;
        return ParseProblems.MalformedXml(ex.LineNumber, ex.LinePosition, detail);
    }
}
