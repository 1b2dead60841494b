using System.Text;
using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

/// <summary>Shorthands for running the public extractor over a string, a fixture or a corpus file.</summary>
internal static class Extract
{
    public static IReadOnlyList<ExtractedDocument> All(Stream content, DocumentKind kind, string? baseUrl = null, params string[] siteHosts)
    {
        using (content)
        {
            var options = new ExtractionOptions { BaseUrl = baseUrl is null ? null : new Uri(baseUrl), SiteHosts = siteHosts };
            return LinkExtractor.Extract(content, kind, options).ToList();
        }
    }

    public static IReadOnlyList<ExtractedLink> Links(string text, DocumentKind kind, string? baseUrl = null, params string[] siteHosts) =>
        Assert.Single(All(new MemoryStream(Encoding.UTF8.GetBytes(text)), kind, baseUrl, siteHosts)).Links;

    public static IReadOnlyList<ExtractedLink> FixtureLinks(string name, DocumentKind kind, string? baseUrl = null) =>
        Assert.Single(All(Fixtures.Open(name), kind, baseUrl)).Links;

    /// <summary>The one link with this URL and element; fails when there is none or more than one.</summary>
    public static ExtractedLink Find(this IEnumerable<ExtractedLink> links, string url, string element = "a") =>
        Assert.Single(links, link => link.Url == url && link.Element == element);
}
