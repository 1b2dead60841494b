using Serverless.Links.Extraction;
using Serverless.Links.Tests.Corpus;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// Saved real pages of the shared corpus, with their canonical URL (their <c>&lt;link rel="canonical"&gt;</c>) as the
/// document URL.
/// </summary>
/// <remarks>
/// How the expected counts were made, without this code: Python's <c>html.parser</c> (not AngleSharp) collected the
/// same elements and attributes (srcset split on commas, <c>link rel=dns-prefetch|preconnect|pingback</c> left out,
/// empty and <c>#…</c> values left out), resolved them with <c>urllib.parse.urljoin</c> against the page URL and
/// deduplicated by (URL, element); internal means the host is the page's host or below it. The two counts differed only
/// where <c>urljoin</c> keeps <c>http://host</c> and <c>http://host/</c> apart (one URL); the figures below count them once.
/// Single URLs were checked in the file at the line given.
/// </remarks>
public sealed class CorpusHtmlTests
{
    private const string Folder = "html";
    private const string FirefoxUrl = "https://blog.nightly.mozilla.org/2020/12/18/these-weeks-in-firefox-issue-85/";
    private const string WikipediaUrl = "https://en.wikipedia.org/wiki/Mozilla";

    private static IReadOnlyList<ExtractedLink> Page(string name, string? url) =>
        Assert.Single(Extract.All(LinkCorpus.Open(Folder, name), DocumentKind.Html, url)).Links;

    [Fact]
    public void Extract_FirefoxNightlyBlog_CountsByElementAndKind()
    {
        var links = Page("firefox-nightly-blog_2020-12.html", FirefoxUrl);

        Assert.Equal(212, links.Count);
        Assert.Equal(
            [("a", 162), ("img", 5), ("img[srcset]", 20), ("link", 17), ("script", 8)],
            links.GroupBy(link => link.Element).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => (group.Key, group.Count())));
        Assert.Equal(106, links.Count(link => link.Kind == LinkKind.Internal));
        Assert.Equal(105, links.Count(link => link.Kind == LinkKind.Outbound));
    }

    [Fact]
    public void Extract_FirefoxNightlyBlog_SampleLinksAsWritten()
    {
        var links = Page("firefox-nightly-blog_2020-12.html", FirefoxUrl);

        // Line 162: "<li>We’ve just landed <a href=…id=1553982">Bug 1553982</a>" after 32 spaces.
        var bug = links.Find("https://bugzilla.mozilla.org/show_bug.cgi?id=1553982");
        Assert.Equal((162, 55, "Bug 1553982", LinkKind.Outbound), (bug.Line, bug.Column, bug.Context, bug.Kind));
        // Line 166: the first srcset candidate, a 1600w image on the blog itself.
        Assert.Equal(166, links.Find("https://blog.nightly.mozilla.org/files/2020/12/headlines85_0-300x151.png", "img[srcset]").Line);
        // Line 432: <a href="about:blank">www.*.com</a>, the page's one link that is not http(s).
        var about = Assert.Single(links, link => link.Kind == LinkKind.NotChecked);
        Assert.Equal(("about:blank", "scheme about", 432), (about.Raw, about.NotCheckedReason, about.Line));
    }

    [Fact]
    public void Extract_WikipediaArticle_CountsByKind()
    {
        var links = Page("wikipedia_mozilla.html", WikipediaUrl);

        Assert.Equal(581, links.Count);
        Assert.Equal(409, links.Count(link => link.Kind == LinkKind.Internal));
        Assert.Equal(171, links.Count(link => link.Kind == LinkKind.Outbound));
        // Line 132: <link rel="alternate" href="android-app://org.wikipedia/http/en.m.wikipedia.org/wiki/Mozilla">.
        Assert.Equal("scheme android-app", Assert.Single(links, link => link.Kind == LinkKind.NotChecked).NotCheckedReason);
    }

    [Fact]
    public void Extract_WikipediaArticle_KeepsPercentEncodingAndResolvesRelativeLinks()
    {
        var links = Page("wikipedia_mozilla.html", WikipediaUrl);

        // Line 126: href="/w/load.php?debug=false&amp;lang=en&amp;modules=ext.cite.styles%7Cext.gadget.ReferenceTooltips%2C…"
        var styles = Assert.Single(links, link => link.Line == 126);
        Assert.StartsWith("https://en.wikipedia.org/w/load.php?debug=false&lang=en&modules=ext.cite.styles%7Cext.gadget.ReferenceTooltips%2Cfeatured-articles-links%2C", styles.Url, StringComparison.Ordinal);
        Assert.Equal(("link", LinkKind.Internal), (styles.Element, styles.Kind));
        // Line 379: href="/wiki/C%2B%2B", the %2B kept.
        var cpp = links.Find("https://en.wikipedia.org/wiki/C%2B%2B");
        Assert.Equal(("/wiki/C%2B%2B", "C++", 379), (cpp.Raw, cpp.Context, cpp.Line));
        // Line 139: protocol-relative <link rel="copyright" href="//creativecommons.org/licenses/by-sa/3.0/">, https like the page.
        Assert.Equal(139, links.Find("https://creativecommons.org/licenses/by-sa/3.0/", "link").Line);
    }

    [Fact]
    public void Extract_WikipediaArticleWithoutItsUrl_RelativeLinksAreNotCheckedProtocolRelativeAreHttp()
    {
        var links = Page("wikipedia_mozilla.html", url: null);

        // Without the page URL the 409 site links that are written relative cannot be resolved: 411 relative pairs
        // (some site links are written absolute or protocol-relative, and relative pairs are not merged by resolution).
        Assert.Equal(411, links.Count(link => link.NotCheckedReason == "relative link without a base URL"));
        Assert.Equal("http://creativecommons.org/licenses/by-sa/3.0/", links.Find("http://creativecommons.org/licenses/by-sa/3.0/", "link").Url);
        Assert.DoesNotContain(links, link => link.Kind == LinkKind.Internal);
    }
}
