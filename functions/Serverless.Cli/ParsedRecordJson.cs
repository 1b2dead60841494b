using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serverless.Tenders.Model;

namespace Serverless.Cli;

/// <summary>
/// How <c>parse</c> prints a record: the domain's JSON form (<see cref="Serverless.Tenders.Model.TenderJson"/>),
/// indented for reading, without the fields only ingestion fills.
/// </summary>
internal static class ParsedRecordJson
{
    /// <summary>
    /// A parsed record has no id, stored documents or ingestion time yet; printing an empty GUID, an
    /// empty list and year 1 would read as real values, so the fields are left out.
    /// </summary>
    private static readonly HashSet<string> IngestionOnly = new(
        [nameof(TenderRecord.Id), nameof(TenderRecord.Documents), nameof(TenderRecord.IngestedAt)],
        StringComparer.Ordinal);

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(Serverless.Tenders.Model.TenderJson.Options)
        {
            WriteIndented = true,
            // Notices are in every EU language; "Entretien des espaces verts" should read as written,
            // not as \u00E9 escapes. The output goes to a terminal or a file, never into HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitIngestionFields } },
        };
        options.MakeReadOnly();
        return options;
    }

    public static string Serialize(TenderRecord record) => JsonSerializer.Serialize(record, Options);

    private static void OmitIngestionFields(JsonTypeInfo type)
    {
        if (type.Type != typeof(TenderRecord))
        {
            return;
        }

        // Property names here are already the JSON names; match on the C# names they came from.
        var omitted = type.Properties
            .Where(property => IngestionOnly.Any(name => JsonNamingPolicy.CamelCase.ConvertName(name) == property.Name))
            .ToArray();
        foreach (var property in omitted)
        {
            type.Properties.Remove(property);
        }
    }
}
