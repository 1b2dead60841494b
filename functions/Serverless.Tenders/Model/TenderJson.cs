using System.Text.Json;

namespace Serverless.Tenders.Model;

/// <summary>
/// The one JSON form of a <see cref="TenderRecord"/>: the API's, the stored <c>record</c> column's and the CLI's
/// (camelCase names, nulls written, e.g. <c>"estimatedValue": null</c>).
/// </summary>
public static class TenderJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
