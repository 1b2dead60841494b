using System.Text.Json;
using Serverless.Tenders.Model;

namespace Serverless.Storage.Postgres.Tenders;

/// <summary>
/// The JSON form of a <see cref="TenderRecord"/> stored in <c>tenders.record</c>: the API's form
/// (camelCase, nulls written). Kept here until the domain offers shared options; the function app must
/// serialise records the same way.
/// </summary>
internal static class TenderRecordJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        // Web defaults: camelCase names, case-insensitive reads; nulls are written ("estimatedValue": null).
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(TenderRecord record) => JsonSerializer.Serialize(record, Options);

    public static TenderRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<TenderRecord>(json, Options)
        ?? throw new JsonException("tenders.record holds JSON null.");
}
