using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serverless.Links.Extraction;
using Serverless.Links.Reports;

namespace Serverless.Cli;

/// <summary>
/// How <c>links</c> prints a link: one JSON object on one line (JSON Lines), so the output can be piped to
/// <c>jq</c> or read line by line however many links there are.
/// </summary>
internal static class LinkJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Links and anchor texts are in every language; they should read as written. Output goes to a terminal
        // or a file, never into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <param name="link">The link.</param>
    /// <param name="source">The post it came from, for a WordPress export; null otherwise.</param>
    public static string Serialize(ExtractedLink link, LinkSource? source)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("url", link.Url);
            writer.WriteString("raw", link.Raw);
            writer.WriteString("kind", link.Kind.ToName());
            writer.WriteString("element", link.Element);
            writer.WriteNumber("line", link.Line);
            writer.WriteNumber("column", link.Column);
            WriteIfPresent(writer, "fragment", link.Fragment);
            WriteIfPresent(writer, "reason", link.NotCheckedReason);
            WriteIfPresent(writer, "context", link.Context);
            if (source is not null)
            {
                writer.WriteStartObject("source");
                writer.WriteString("postId", source.PostId);
                writer.WriteString("title", source.Title);
                writer.WriteString("type", source.Type);
                writer.WriteString("status", source.Status);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
