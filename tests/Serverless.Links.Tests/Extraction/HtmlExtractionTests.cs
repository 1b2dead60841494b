using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// HTML pages: which elements count, <c>&lt;base href&gt;</c>, srcset, character references, schemes, dedupe.
/// Every expected value is read off <c>Fixtures/edge-cases.html</c> by hand (line numbers with <c>grep -n</c>).
/// </summary>
public sealed class HtmlExtractionTests
{
    private const string PageUrl = "https://www.example.org/articles/edge-cases";
    private const string Base = "https://static.example.net/base/";

    private static IReadOnlyList<ExtractedLink> EdgeCases() => Extract.FixtureLinks("edge-cases.html", DocumentKind.Html, PageUrl);

    [Fact]
    public void Extract_EdgeCasePage_ListsEveryLinkOnceInDocumentOrder()
    {
        var links = EdgeCases();

        Assert.Equal(
            [
                ("https://www.example.org/articles/edge-cases", "link"),
                (Base + "style.css", "link"),
                ("https://www.example.org/a?x=1&y=2", "a"),
                (Base + "relative/page.html", "a"),
                (Base + "pic.png", "img"),
                (Base + "pic-480.png", "img[srcset]"),
                ("https://img.example.com/pic-1080.png", "img[srcset]"),
                (Base + "pic-2x.png", "img[srcset]"),
                ("https://xn--bcher-kva.example/stra%C3%9Fe", "a"),
                (null, "a"),
                (null, "a"),
                (null, "a"),
                (null, "a"),
                ("https://www.example.org/a?x=1&y=2", "img"),
                ("https://en.wikipedia.org/wiki/Foo_(bar)", "a"),
                ("https://video.example.com/embed/42", "iframe"),
                (Base + "movie.mp4", "video"),
                (Base + "poster.jpg", "video[poster]"),
                (Base + "movie.webm", "source"),
                (Base + "subs.vtt", "track"),
                ("https://quotes.example.com/source", "blockquote[cite]"),
                ("https://static.example.net/area-target", "area"),
                ("https://example.org/path%2Fwith%7Eescapes?q=a+b:c", "a"),
            ],
            links.Select(link => (link.Url, link.Element)));
    }

    [Fact]
    public void Extract_EntityEncodedHref_DecodesItOnceForRawAndUrl()
    {
        var link = EdgeCases().Find("https://www.example.org/a?x=1&y=2");

        // Written href="https://www.example.org/a?x=1&amp;y=2" on line 10, "<p>Read " before it.
        Assert.Equal("https://www.example.org/a?x=1&y=2", link.Raw);
        Assert.Equal(10, link.Line);
        Assert.Equal(9, link.Column);
        Assert.Equal("the report", link.Context);
        Assert.Equal(LinkKind.Internal, link.Kind);
    }

    [Fact]
    public void Extract_DoublyEncodedHref_IsDecodedOnlyOnce()
    {
        var link = Assert.Single(Extract.Links("<a href=\"https://example.org/?a=1&amp;amp;b=2\">x</a>", DocumentKind.Html));

        Assert.Equal("https://example.org/?a=1&amp;b=2", link.Raw);
        Assert.Equal("https://example.org/?a=1&amp;b=2", link.Url);
    }

    [Fact]
    public void Extract_RepeatedLinkSameElement_KeepsTheFirstPosition()
    {
        var links = EdgeCases();

        // Line 16 repeats line 10's link as an <a>: one entry, line 10. Line 17 has the URL as an <img>: its own entry.
        Assert.Equal(10, links.Find("https://www.example.org/a?x=1&y=2", "a").Line);
        Assert.Equal(17, links.Find("https://www.example.org/a?x=1&y=2", "img").Line);
    }

    [Fact]
    public void Extract_BaseHref_ResolvesRelativeLinksAgainstItNotThePage()
    {
        var link = EdgeCases().Find(Base + "relative/page.html");

        Assert.Equal("relative/page.html", link.Raw);
        Assert.Equal(LinkKind.Outbound, link.Kind);
        Assert.Equal(11, link.Line);
    }

    [Fact]
    public void Extract_BaseHref_IsTheDocumentsBaseUrl()
    {
        var document = Assert.Single(Extract.All(Fixtures.Open("edge-cases.html"), DocumentKind.Html, PageUrl));

        Assert.Equal(Base, document.Source.BaseUrl);
        Assert.Null(document.Source.PostId);
    }

    [Fact]
    public void Extract_Srcset_GivesEachCandidateWithoutDescriptors()
    {
        var candidates = EdgeCases().Where(link => link.Element == "img[srcset]").ToList();

        Assert.Equal(["pic-480.png", "https://img.example.com/pic-1080.png", "pic-2x.png"], candidates.Select(link => link.Raw));
        Assert.All(candidates, link => Assert.Equal(12, link.Line));
        Assert.All(candidates, link => Assert.Equal("A picture", link.Context));
    }

    [Fact]
    public void Extract_IdnHost_IsPunycodeAndThePathPercentEncoded()
    {
        var link = EdgeCases().Find("https://xn--bcher-kva.example/stra%C3%9Fe");

        Assert.Equal("https://bücher.example/straße", link.Raw);
        Assert.Equal(LinkKind.Outbound, link.Kind);
    }

    [Fact]
    public void Extract_PercentEncodingPlusAndColon_AreKeptAsWritten()
    {
        var link = EdgeCases().Find("https://example.org/path%2Fwith%7Eescapes?q=a+b:c");

        Assert.Equal("https://example.org/path%2Fwith%7Eescapes?q=a+b:c", link.Raw);
        Assert.Equal(25, link.Line);
    }

    [Fact]
    public void Extract_FragmentLink_KeepsTheFragmentApart()
    {
        var link = EdgeCases().Find("https://en.wikipedia.org/wiki/Foo_(bar)");

        Assert.Equal("History", link.Fragment);
        Assert.Equal("https://en.wikipedia.org/wiki/Foo_(bar)#History", link.Raw);
    }

    [Fact]
    public void Extract_NonWebSchemes_AreListedNotCheckedWithTheScheme()
    {
        var notChecked = EdgeCases().Where(link => link.Kind == LinkKind.NotChecked).ToList();

        Assert.Equal(
            [
                ("mailto:team@example.org", "scheme mailto", 14),
                ("tel:+33123456789", "scheme tel", 14),
                ("javascript:void(0)", "scheme javascript", 15),
                ("data:text/plain,hi", "scheme data", 15),
            ],
            notChecked.Select(link => (link.Raw, link.NotCheckedReason, link.Line)));
        Assert.All(notChecked, link => Assert.Null(link.Url));
    }

    [Fact]
    public void Extract_SamePageAnchorsAndEmptyLinks_AreNotListed()
    {
        var links = EdgeCases();

        Assert.DoesNotContain(links, link => link.Raw is "#top" or "");
    }

    [Fact]
    public void Extract_ScriptTextCommentsAndDnsPrefetch_AreNotLinks()
    {
        var links = EdgeCases();

        Assert.DoesNotContain(links, link => link.Url is not null && link.Url.Contains("script.example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(links, link => link.Url is not null && link.Url.Contains("comment.example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(links, link => link.Url is not null && link.Url.Contains("fonts.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_SiteHostFromThePageUrl_WwwAndBareHostAreInternal()
    {
        var links = EdgeCases();

        Assert.Equal(
            [
                "https://www.example.org/articles/edge-cases",
                "https://www.example.org/a?x=1&y=2",
                "https://www.example.org/a?x=1&y=2",
                "https://example.org/path%2Fwith%7Eescapes?q=a+b:c",
            ],
            links.Where(link => link.Kind == LinkKind.Internal).Select(link => link.Url));
    }

    [Fact]
    public void Extract_ContextOfImagesFramesAndLinkElements_IsAltTitleAndRel()
    {
        var links = EdgeCases();

        Assert.Equal("the same URL as an image", links.Find("https://www.example.org/a?x=1&y=2", "img").Context);
        Assert.Equal("Video", links.Find("https://video.example.com/embed/42", "iframe").Context);
        Assert.Equal("canonical", links.Find("https://www.example.org/articles/edge-cases", "link").Context);
        Assert.Equal("Area", links.Find("https://static.example.net/area-target", "area").Context);
    }

    [Fact]
    public void Extract_NoDocumentUrl_AbsoluteBaseHrefStillResolvesAndNothingIsInternal()
    {
        var links = Extract.FixtureLinks("edge-cases.html", DocumentKind.Html);

        Assert.Equal(LinkKind.Outbound, links.Find(Base + "relative/page.html").Kind);
        Assert.Equal(LinkKind.Outbound, links.Find("https://www.example.org/a?x=1&y=2").Kind);
    }

    [Fact]
    public void Extract_RelativeLinkWithoutAnyBase_IsNotCheckedWithTheReason()
    {
        var link = Assert.Single(Extract.Links("<a href=\"/about\">About</a>", DocumentKind.Html));

        Assert.Equal(LinkKind.NotChecked, link.Kind);
        Assert.Null(link.Url);
        Assert.Equal("/about", link.Raw);
        Assert.Equal("relative link without a base URL", link.NotCheckedReason);
    }

    [Fact]
    public void Extract_RelativeBaseHref_ResolvesAgainstTheDocumentUrl()
    {
        const string html = "<base href=\"sub/\"><a href=\"page.html\">x</a>";

        var link = Assert.Single(Extract.Links(html, DocumentKind.Html, "https://example.org/dir/index.html"));

        Assert.Equal("https://example.org/dir/sub/page.html", link.Url);
    }

    [Fact]
    public void Extract_ProtocolRelativeLink_TakesTheSchemeOfTheBaseElseHttp()
    {
        const string html = "<a href=\"//cdn.example.net/lib.js\">lib</a>";

        Assert.Equal("https://cdn.example.net/lib.js", Assert.Single(Extract.Links(html, DocumentKind.Html, "https://example.org/")).Url);
        Assert.Equal("http://cdn.example.net/lib.js", Assert.Single(Extract.Links(html, DocumentKind.Html)).Url);
    }

    [Fact]
    public void Extract_WordPressContentWithoutParagraphs_FindsLinksOnTheirLines()
    {
        const string content = "First line\nSecond <a href=\"https://example.org/x\">x</a>\n\nFourth <img src=\"https://example.org/i.png\">";

        var links = Extract.Links(content, DocumentKind.Html);

        Assert.Equal([(2, 8), (4, 8)], links.Select(link => (link.Line, link.Column)));
    }

    [Fact]
    public void Extract_NestingFarDeeperThanAnyPage_IsRefusedBeforeItIsBuilt()
    {
        // 50,000 unclosed <div>: the tree algorithm would take minutes over it.
        var html = string.Concat(Enumerable.Repeat("<div>", 50_000)) + "<a href=\"https://example.org/\">x</a>";

        var error = Assert.Throws<LinkExtractionException>(() => Extract.Links(html, DocumentKind.Html));

        Assert.Equal("The HTML nests elements more than 1024 deep (line 1); no real page does, and reading it would take too long.", error.Message);
    }

    [Fact]
    public void Extract_DeepButWithinTheLimitOrFlatButLong_IsRead()
    {
        var deep = string.Concat(Enumerable.Repeat("<div>", 1_000)) + "<a href=\"https://example.org/deep\">x</a>";
        // Paragraphs and list items whose end tags are left out do not nest.
        var flat = string.Concat(Enumerable.Repeat("<p>text<li>item", 5_000)) + "<a href=\"https://example.org/flat\">x</a>";

        Assert.Equal("https://example.org/deep", Assert.Single(Extract.Links(deep, DocumentKind.Html)).Url);
        Assert.Equal("https://example.org/flat", Assert.Single(Extract.Links(flat, DocumentKind.Html)).Url);
    }
}
