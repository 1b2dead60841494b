using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

/// <summary>Plain text: URLs written out, where they end, and what is not one.</summary>
public sealed class TextExtractionTests
{
    [Theory]
    [InlineData("See https://example.org/page.", "https://example.org/page")]
    [InlineData("(see https://example.org/a)", "https://example.org/a")]
    [InlineData("Read https://en.wikipedia.org/wiki/Foo_(bar) today", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("Read https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("Really? https://example.org/a?b=c!", "https://example.org/a?b=c")]
    [InlineData("\"https://example.org/quoted\"", "https://example.org/quoted")]
    [InlineData("<https://example.org/angle>", "https://example.org/angle")]
    [InlineData("list: https://example.org/a;", "https://example.org/a")]
    [InlineData("HTTPS://EXAMPLE.ORG/Path", "https://example.org/Path")]
    public void Extract_BareUrlInASentence_EndsWhereTheUrlEnds(string text, string expected)
    {
        var link = Assert.Single(Extract.Links(text, DocumentKind.Text));

        Assert.Equal(expected, link.Url);
        Assert.Equal("bare", link.Element);
    }

    [Fact]
    public void Extract_WwwWithoutScheme_IsRequestedOverHttpAndRawKeepsTheText()
    {
        var link = Assert.Single(Extract.Links("Go to www.example.org, then stop.", DocumentKind.Text));

        Assert.Equal("www.example.org", link.Raw);
        Assert.Equal("http://www.example.org/", link.Url);
    }

    [Theory]
    [InlineData("xhttp://example.org/ is glued to a word")]
    [InlineData("the scheme http:// alone")]
    [InlineData("awww.example.org is not www")]
    [InlineData("www.example without a dot after")]
    public void Extract_NotAUrl_GivesNoLink(string text)
    {
        Assert.Empty(Extract.Links(text, DocumentKind.Text));
    }

    [Fact]
    public void Extract_SeveralLines_GivesLineColumnAndTheLineAsContext()
    {
        const string text = "First line\r\nSecond https://example.org/two and\nthird:   https://example.org/three";

        var links = Extract.Links(text, DocumentKind.Text);

        Assert.Equal(
            [("https://example.org/two", 2, 8, "Second https://example.org/two and"), ("https://example.org/three", 3, 10, "third: https://example.org/three")],
            links.Select(link => (link.Url, link.Line, link.Column, link.Context)));
    }

    [Fact]
    public void Extract_SameUrlTwice_IsListedOnce()
    {
        var link = Assert.Single(Extract.Links("https://example.org/x and again https://example.org/x", DocumentKind.Text));

        Assert.Equal(1, link.Column);
    }
}
