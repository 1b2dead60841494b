using System.Text.Json;
using Serverless.Tenders.Model;

namespace Serverless.Storage.Postgres.Tenders;

/// <summary>Reads and writes <c>tenders.record</c> in the domain's one JSON form (<see cref="TenderJson"/>).</summary>
internal static class TenderRecordJson
{
    public static string Serialize(TenderRecord record) => JsonSerializer.Serialize(record, TenderJson.Options);

    public static TenderRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<TenderRecord>(json, TenderJson.Options)
        ?? throw new JsonException("tenders.record holds JSON null.");
}
