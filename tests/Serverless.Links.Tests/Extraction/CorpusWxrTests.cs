using Serverless.Links.Extraction;
using Serverless.Links.Tests.Corpus;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// The real WordPress exports of the shared corpus (see its PROVENANCE.md).
/// </summary>
/// <remarks>
/// How the expected values were counted, without this code: for each <c>&lt;item&gt;</c> (a Python regular
/// expression over the file), the <c>href</c>/<c>src</c> of <c>a</c>, <c>img</c>, <c>embed</c> and <c>q</c> in
/// <c>content:encoded</c> were collected with Python's <c>html.parser</c>, HTML-unescaped, resolved with
/// <c>urllib.parse.urljoin</c> against the item's <c>&lt;link&gt;</c>, and deduplicated by (URL, element). Post ids,
/// titles, types, statuses and permalinks were read in the file (<c>grep -n '&lt;wp:post_id&gt;'</c> and the lines above).
/// </remarks>
public sealed class CorpusWxrTests
{
    private const string Folder = "wxr";

    private static IReadOnlyList<ExtractedDocument> Export(string name) => Extract.All(LinkCorpus.Open(Folder, name), DocumentKind.Wxr);

    [Fact]
    public void Extract_CfengineExport_GivesBothPostsWithTheirSources()
    {
        var documents = Export("cfengine_wordpress-export_2020.xml");

        // The titles are written over three lines with tabs (lines 44-45 and 190-191); whitespace is collapsed.
        Assert.Equal(
            [
                ("10071", "CFEngine 3.16 - Compliance", "pt_blog", "publish", "https://cfengine.com/company/blog-detail/cfengine-3-16-compliance/"),
                ("9583", "Introducing cf-remote: Tooling to deploy CFEngine", "pt_blog", "publish", "https://cfengine.com/company/blog-detail/cf-remote/"),
            ],
            documents.Select(document => (document.Source.PostId, document.Source.Title, document.Source.Type, document.Source.Status, document.Source.BaseUrl)));
    }

    [Fact]
    public void Extract_CfengineExport_CountsLinksPerPostAndTheProvenanceTotals()
    {
        var documents = Export("cfengine_wordpress-export_2020.xml");

        // Post 10071: 28 a/img in the content, one repeated (docs.cfengine.com/...validdata.html) -> 27; 6 of them off
        // cfengine.com and its subdomains (github.com x4, tracker.mender.io, lgtm.com). Post 9583: 12, one repeated
        // (www.fabfile.org) -> 11, none on cfengine.com.
        Assert.Equal([(27, 21, 6), (11, 0, 11)], documents.Select(document => (
            document.Links.Count,
            document.Links.Count(link => link.Kind == LinkKind.Internal),
            document.Links.Count(link => link.Kind == LinkKind.Outbound))));
        // PROVENANCE.md: "37 links of which 18 external". 37 is the different URLs of the whole export; 18 is the external
        // links as written (6 + 12: www.fabfile.org twice in post 9583), which are 16 different URLs since
        // github.com/cfengine/core is in both posts.
        var all = documents.SelectMany(document => document.Links).ToList();
        Assert.Equal(37, all.Select(link => link.Url).Distinct().Count());
        Assert.Equal(16, all.Where(link => link.Kind == LinkKind.Outbound).Select(link => link.Url).Distinct().Count());
    }

    [Fact]
    public void Extract_CfengineExport_KeepsPercentEncodingAndDecodesEntitiesOnce()
    {
        var documents = Export("cfengine_wordpress-export_2020.xml");

        // Line 163: the Jira query, percent-encoded as written, parentheses and all.
        var jira = documents[0].Links.Find(
            "https://tracker.mender.io/issues/?jql=project%20%3D%20CFE%20AND%20status%20in%20(Open%2C%20%22To%20Do%22)%20AND%20labels%20in%20(easy%2C%20help_wanted)");
        Assert.Equal(LinkKind.Outbound, jira.Kind);
        // Written href="https://www.youtube.com/watch?v=q50_QTd1AN4&amp;t=20m51s" in post 9583.
        var video = documents[1].Links.Find("https://www.youtube.com/watch?v=q50_QTd1AN4&t=20m51s");
        Assert.Equal("https://www.youtube.com/watch?v=q50_QTd1AN4&t=20m51s", video.Raw);
        // docs.cfengine.com is a subdomain of the blog's cfengine.com: internal.
        Assert.Equal(LinkKind.Internal, documents[0].Links.Find("https://docs.cfengine.com/docs/3.16/reference-macros.html").Kind);
    }

    [Fact]
    public void Extract_CcLabsExport_YieldsEveryPostAndPage()
    {
        var documents = Export("cclabs_wordpress-export_2014.xml");

        // grep -c '<item>' gives 224; grep '<wp:post_type>' gives 219 post and 5 page, all <wp:status>publish.
        Assert.Equal(224, documents.Count);
        Assert.Equal(219, documents.Count(document => document.Source.Type == "post"));
        Assert.Equal(5, documents.Count(document => document.Source.Type == "page"));
        Assert.All(documents, document => Assert.Equal("publish", document.Source.Status));
        // The independent count gives 1,297 (URL, element) pairs; it keeps post 188's "http://translate.creativecommons.org"
        // and "…org/" apart, which are one URL.
        Assert.Equal(1296, documents.Sum(document => document.Links.Count));
    }

    [Fact]
    public void Extract_CcLabsFirstPost_GivesItsThreeLinksWithPositions()
    {
        var post = Export("cclabs_wordpress-export_2014.xml")[0];

        Assert.Equal(("5", "The CC Tech Blog", "http://labs.creativecommons.org/2007/04/11/the-cc-tech-blog/"), (post.Source.PostId, post.Source.Title, post.Source.BaseUrl));
        // labs.creativecommons.org is the blog; creativecommons.org and wiki.creativecommons.org are other sites.
        Assert.Equal(
            [
                ("http://creativecommons.org/", "http://creativecommons.org", LinkKind.Outbound, 1, "Creative Commons"),
                ("http://wiki.creativecommons.org/IRC", "http://wiki.creativecommons.org/IRC", LinkKind.Outbound, 3, "IRC"),
                ("http://wiki.creativecommons.org/Mailing_Lists", "http://wiki.creativecommons.org/Mailing_Lists", LinkKind.Outbound, 3, "cc-devel"),
            ],
            post.Links.Select(link => (link.Url, link.Raw, link.Kind, link.Line, link.Context)));
    }

    [Fact]
    public void Extract_CcLabsVideosPage_ResolvesSiteRelativeLinksAgainstThePermalink()
    {
        var page = Assert.Single(Export("cclabs_wordpress-export_2014.xml"), document => document.Source.PostId == "261");

        Assert.Equal(("Videos", "page", "http://labs.creativecommons.org/videos/"), (page.Source.Title, page.Source.Type, page.Source.BaseUrl));
        // Three videos, each an <a><img></a> and the same href again in an <h3>: 3 a + 3 img.
        Assert.Equal(
            [
                ("http://labs.creativecommons.org/videos/tech-summit-dec-2008", "a", 5),
                ("http://labs.creativecommons.org/files/2009/01/tech-summit-dec-2008.jpg", "img", 5),
                ("http://labs.creativecommons.org/videos/cc-technology-summit-june-2008/", "a", 10),
                ("http://labs.creativecommons.org/files/2009/01/tech-summit-june-2008.jpg", "img", 10),
                ("http://labs.creativecommons.org/videos/translating-with-pootle/", "a", 15),
                ("http://labs.creativecommons.org/files/2009/01/translation-screencast.jpg", "img", 15),
            ],
            page.Links.Select(link => (link.Url, link.Element, link.Line)));
        Assert.All(page.Links, link => Assert.Equal(LinkKind.Internal, link.Kind));
    }

    [Fact]
    public void Extract_Wxr10Export_ReadsTheOldNamespaceAndFindsNoLinks()
    {
        var documents = Export("wxr-1.0_valid.xml");

        // xmlns:wp="http://wordpress.org/export/1.0/"; grep -c 'href=\|src=' gives 0 and no line is a URL alone.
        Assert.Equal(
            [
                ("1", "Hello world!", "post", "http://localhost/?p=1"),
                ("2", "About", "page", "http://localhost/?page_id=2"),
                ("4", "Alpha post", "post", "http://localhost/?p=4"),
                ("6", "Child post", "post", "http://localhost/?p=6"),
                ("8", "Child page", "page", "http://localhost/?page_id=8"),
                ("10", "Parent page", "page", "http://localhost/?page_id=10"),
            ],
            documents.Select(document => (document.Source.PostId, document.Source.Title, document.Source.Type, document.Source.BaseUrl)));
        Assert.All(documents, document => Assert.Empty(document.Links));
    }

    [Fact]
    public void Extract_ThemeUnitTestData_ReadsTheHttpsNamespaceAndEveryItem()
    {
        var documents = Export("wp-theme-unit-test-data.xml");

        // Written with xmlns:wp="https://wordpress.org/export/1.2/"; grep -c '<item>' gives 186.
        Assert.Equal(186, documents.Count);
        // Post 1161 (grep -n '<wp:post_id>1161'): its content opens with the YouTube URL alone on line 1.
        var video = Assert.Single(documents, document => document.Source.PostId == "1161");
        Assert.Equal("Post Format: Video (YouTube)", video.Source.Title);
        var embed = video.Links.Find("https://www.youtube.com/watch?v=SQEQr7c0-dw", "wp:embed");
        Assert.Equal((1, 1), (embed.Line, embed.Column));
    }
}
