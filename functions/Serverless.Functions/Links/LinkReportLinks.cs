using Microsoft.Azure.Functions.Worker.Http;

namespace Serverless.Functions.Links;

/// <summary>The API paths of a report, relative to the request's own route prefix.</summary>
internal static class LinkReportLinks
{
    public static string Self(HttpRequestData request, Guid id) => $"{Prefix(request)}/link-reports/{id}";

    public static object For(HttpRequestData request, Guid id)
    {
        var self = Self(request, id);
        return new { self, links = self + "/links", json = self + "/report.json", csv = self + "/report.csv", html = self + "/report.html" };
    }

    // "/api/link-reports" -> "/api": whatever routePrefix host.json sets.
    private static string Prefix(HttpRequestData request)
    {
        var path = request.Url.AbsolutePath;
        var at = path.IndexOf("/link-reports", StringComparison.Ordinal);
        return at < 0 ? "" : path[..at];
    }
}
