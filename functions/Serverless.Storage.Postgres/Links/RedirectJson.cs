using System.Text.Json;

namespace Serverless.Storage.Postgres.Links;

/// <summary>How a check's redirect chain is stored in <c>link_report_urls.redirects</c> (jsonb).</summary>
internal static class RedirectJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
