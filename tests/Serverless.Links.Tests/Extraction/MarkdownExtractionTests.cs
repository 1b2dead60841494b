using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// Markdown as GitHub renders it. Expected values are read off <c>Fixtures/edge-cases.md</c> by hand
/// (line numbers with <c>grep -n</c>, columns by counting the characters before the link).
/// </summary>
public sealed class MarkdownExtractionTests
{
    private static IReadOnlyList<ExtractedLink> EdgeCases(string? baseUrl = null) => Extract.FixtureLinks("edge-cases.md", DocumentKind.Markdown, baseUrl);

    [Fact]
    public void Extract_EdgeCaseMarkdown_ListsEveryRenderedLinkOnce()
    {
        var links = EdgeCases();

        Assert.Equal(
            [
                ("https://example.org/inline", "markdown-inline", 3),
                ("https://example.org/logo.png", "markdown-image", 3),
                ("https://example.org/reference", "markdown-reference", 5),
                ("https://example.org/shortcut", "markdown-reference", 5),
                ("https://example.org/auto", "autolink", 7),
                ("team@example.org", "autolink", 7),
                ("https://example.org/bare", "bare", 9),
                ("https://example.org/paren", "bare", 9),
                ("https://en.wikipedia.org/wiki/Foo_(bar)", "bare", 10),
                ("www.example.com", "bare", 10),
                ("https://example.org/html-block", "a", 16),
                ("https://example.org/badge.svg", "img", 16),
                ("https://example.org/html-inline", "a", 18),
                ("docs/guide.md", "markdown-inline", 20),
            ],
            links.Select(link => (link.Raw, link.Element, link.Line)));
    }

    [Fact]
    public void Extract_BareUrls_LeaveOutTheSentencesPunctuationButKeepParenthesesOfTheUrl()
    {
        var bare = EdgeCases().Where(link => link.Element == "bare").ToList();

        // Line 9: "https://example.org/bare." and "(https://example.org/paren)"; line 10:
        // "https://en.wikipedia.org/wiki/Foo_(bar)," and "www.example.com!".
        Assert.Equal(
            ["https://example.org/bare", "https://example.org/paren", "https://en.wikipedia.org/wiki/Foo_(bar)", "http://www.example.com/"],
            bare.Select(link => link.Url));
    }

    [Fact]
    public void Extract_ReferenceLinkUsedTwice_IsListedOnceWhereFirstUsed()
    {
        var link = EdgeCases().Find("https://example.org/reference", "markdown-reference");

        // "A [reference link][ref]": two characters before it.
        Assert.Equal(5, link.Line);
        Assert.Equal(3, link.Column);
        Assert.Equal("reference link", link.Context);
    }

    [Fact]
    public void Extract_UnusedReferenceDefinitionAndCode_AreNotLinks()
    {
        var urls = EdgeCases().Select(link => link.Url).ToList();

        Assert.DoesNotContain("https://example.org/unused", urls);
        Assert.DoesNotContain("https://example.org/code", urls);
        Assert.DoesNotContain("https://example.org/indented-code", urls);
    }

    [Fact]
    public void Extract_MailAutolink_IsNotCheckedAsMailto()
    {
        var link = Assert.Single(EdgeCases(), link => link.Raw == "team@example.org");

        Assert.Equal(LinkKind.NotChecked, link.Kind);
        Assert.Equal("scheme mailto", link.NotCheckedReason);
    }

    [Fact]
    public void Extract_InlineLinkAndImage_GiveTextAndAltAsContext()
    {
        var links = EdgeCases();

        Assert.Equal("inline link", links.Find("https://example.org/inline", "markdown-inline").Context);
        Assert.Equal("logo", links.Find("https://example.org/logo.png", "markdown-image").Context);
        Assert.Equal(4, links.Find("https://example.org/inline", "markdown-inline").Column);
    }

    [Fact]
    public void Extract_RelativeLinkAndAnchor_WithoutBaseNotCheckedAnchorLeftOut()
    {
        var links = EdgeCases();

        Assert.Equal("relative link without a base URL", Assert.Single(links, link => link.Raw == "docs/guide.md").NotCheckedReason);
        Assert.DoesNotContain(links, link => link.Raw == "#edge-cases");
    }

    [Fact]
    public void Extract_WithDocumentUrl_RelativeLinkResolvesAndSameHostIsInternal()
    {
        var links = EdgeCases("https://example.org/project/README.md");

        var relative = Assert.Single(links, link => link.Raw == "docs/guide.md");
        Assert.Equal("https://example.org/project/docs/guide.md", relative.Url);
        Assert.Equal(LinkKind.Internal, relative.Kind);
        Assert.Equal(LinkKind.Outbound, links.Find("https://en.wikipedia.org/wiki/Foo_(bar)", "bare").Kind);
    }

    [Theory]
    [InlineData('>')]
    [InlineData('[')]
    public void Extract_NestingPastMarkdigsLimit_IsRefusedWithAMessage(char marker)
    {
        var markdown = new string(marker, 50_000) + " https://example.org/deep";

        var error = Assert.Throws<LinkExtractionException>(() => Extract.Links(markdown, DocumentKind.Markdown));

        Assert.Equal("The Markdown nests quotes, lists or brackets too deeply to be read; no real page does.", error.Message);
    }
}
