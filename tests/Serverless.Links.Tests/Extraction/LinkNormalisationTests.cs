using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// How a link becomes the URL that is requested, through <see cref="LinkExtractor.FromUrls"/> (the tender records'
/// entry, which normalises like every other). Expected punycode: RFC 3492's and the registries' well-known forms.
/// </summary>
public sealed class LinkNormalisationTests
{
    private static ExtractedLink One(string url, string? baseUrl = null, params string[] siteHosts)
    {
        var options = new ExtractionOptions { BaseUrl = baseUrl is null ? null : new Uri(baseUrl), SiteHosts = siteHosts };
        return Assert.Single(LinkExtractor.FromUrls([(url, "tender:documents")], options).Links);
    }

    [Theory]
    [InlineData("https://example.org/a%2Fb?path=%2Fx", "https://example.org/a%2Fb?path=%2Fx")]
    [InlineData("https://example.org/%7Euser/~other", "https://example.org/%7Euser/~other")]
    [InlineData("https://example.org/a+b?q=a+b&r=%20", "https://example.org/a+b?q=a+b&r=%20")]
    [InlineData("https://example.org/wiki/File:Logo.png?t=12:30", "https://example.org/wiki/File:Logo.png?t=12:30")]
    [InlineData("https://example.org/%e2%82%ac", "https://example.org/%e2%82%ac")]
    [InlineData("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    public void FromUrls_PercentEncodingAndReservedCharacters_AreKeptExactlyAsWritten(string raw, string expected)
    {
        Assert.Equal(expected, One(raw).Url);
    }

    [Theory]
    [InlineData("HTTPS://Example.ORG/Path", "https://example.org/Path")]
    [InlineData("https://example.org:443/a/./b/../c", "https://example.org/a/c")]
    [InlineData("http://example.org:8080/x", "http://example.org:8080/x")]
    [InlineData("https://example.org", "https://example.org/")]
    [InlineData("  https://example.org/x \n", "https://example.org/x")]
    [InlineData("https://example.org/a b/é", "https://example.org/a%20b/%C3%A9")]
    [InlineData("https://bücher.de/", "https://xn--bcher-kva.de/")]
    [InlineData("https://München.de/stadt", "https://xn--mnchen-3ya.de/stadt")]
    [InlineData("https:\\\\example.org\\a\\b", "https://example.org/a/b")]
    public void FromUrls_WhatABrowserWouldChange_IsNormalisedWithoutChangingTheMeaning(string raw, string expected)
    {
        var link = One(raw);

        Assert.Equal(expected, link.Url);
        Assert.Equal(raw, link.Raw);
    }

    [Fact]
    public void FromUrls_Fragment_IsKeptApartFromTheUrl()
    {
        var link = One("https://example.org/page?x=1#section-2");

        Assert.Equal("https://example.org/page?x=1", link.Url);
        Assert.Equal("section-2", link.Fragment);
    }

    [Theory]
    [InlineData("mailto:tenders@example.org", "scheme mailto")]
    [InlineData("tel:+33123456789", "scheme tel")]
    [InlineData("javascript:void(0)", "scheme javascript")]
    [InlineData("data:text/plain;base64,aGk=", "scheme data")]
    [InlineData("FTP://ftp.example.org/file.zip", "scheme ftp")]
    [InlineData("/documents/dce.zip", "relative link without a base URL")]
    [InlineData("dce.zip", "relative link without a base URL")]
    [InlineData("http://", "malformed URL")]
    [InlineData("https://example.org:99999/", "malformed URL")]
    [InlineData("https://exa mple.org/", "malformed URL")]
    public void FromUrls_NotCheckable_IsListedWithTheReasonAndNoUrl(string raw, string reason)
    {
        var link = One(raw);

        Assert.Equal(LinkKind.NotChecked, link.Kind);
        Assert.Equal(reason, link.NotCheckedReason);
        Assert.Null(link.Url);
        Assert.Equal(raw, link.Raw);
    }

    [Theory]
    [InlineData("other.html", "https://example.org/dir/other.html")]
    [InlineData("../up.html?x=%7E", "https://example.org/up.html?x=%7E")]
    [InlineData("/root", "https://example.org/root")]
    [InlineData("?q=1", "https://example.org/dir/page.html?q=1")]
    [InlineData("//cdn.example.net/x.js", "https://cdn.example.net/x.js")]
    [InlineData("http:other.html", "http://other.html/")]
    public void FromUrls_RelativeWithABase_ResolvesAsABrowserDoes(string raw, string expected)
    {
        Assert.Equal(expected, One(raw, "https://example.org/dir/page.html").Url);
    }

    [Fact]
    public void FromUrls_ProtocolRelativeWithoutABase_IsHttp()
    {
        Assert.Equal("http://cdn.example.net/x.js", One("//cdn.example.net/x.js").Url);
    }

    [Theory]
    [InlineData("#top")]
    [InlineData("")]
    [InlineData("   ")]
    public void FromUrls_LinkToTheDocumentItself_IsNotListed(string raw)
    {
        Assert.Empty(LinkExtractor.FromUrls([(raw, "tender:documents")], new ExtractionOptions()).Links);
    }

    [Fact]
    public void FromUrls_SameUrlTwice_OncePerElement()
    {
        var links = LinkExtractor.FromUrls(
            [
                ("https://example.org/dce", "tender:documents"),
                ("https://EXAMPLE.org/dce", "tender:documents"),
                ("https://example.org/dce#page=2", "tender:documents"),
                ("https://example.org/dce", "tender:submission"),
            ],
            new ExtractionOptions()).Links;

        Assert.Equal(
            [("https://example.org/dce", "tender:documents", "https://example.org/dce"), ("https://example.org/dce", "tender:submission", "https://example.org/dce")],
            links.Select(link => (link.Url, link.Element, link.Raw)));
    }

    [Theory]
    [InlineData("https://example.org/x", LinkKind.Internal)]
    [InlineData("https://www.example.org/x", LinkKind.Internal)]
    [InlineData("http://docs.example.org/x", LinkKind.Internal)]
    [InlineData("https://example.org:8443/x", LinkKind.Internal)]
    [InlineData("https://notexample.org/x", LinkKind.Outbound)]
    [InlineData("https://example.org.evil.net/x", LinkKind.Outbound)]
    [InlineData("https://example.com/x", LinkKind.Outbound)]
    public void FromUrls_SiteHostWithWww_ItsBareHostAndSubdomainsAreInternal(string url, LinkKind expected)
    {
        Assert.Equal(expected, One(url, null, "www.example.org").Kind);
    }

    [Fact]
    public void FromUrls_NoSiteHostsGiven_TheBaseUrlsHostIsTheSite()
    {
        Assert.Equal(LinkKind.Internal, One("https://buyer.example.org/notice", "https://buyer.example.org/").Kind);
        Assert.Equal(LinkKind.Outbound, One("https://other.example.net/notice", "https://buyer.example.org/").Kind);
        Assert.Equal(LinkKind.Outbound, One("https://buyer.example.org/notice").Kind);
    }

    [Fact]
    public void FromUrls_IdnSiteHost_MatchesThePunycodeOfLinks()
    {
        Assert.Equal(LinkKind.Internal, One("https://xn--bcher-kva.de/katalog", null, "Bücher.de").Kind);
    }

    [Fact]
    public void FromUrls_RelativeBaseUrl_IsAnArgumentError()
    {
        var options = new ExtractionOptions { BaseUrl = new Uri("/relative", UriKind.Relative) };

        Assert.Throws<ArgumentException>(() => LinkExtractor.FromUrls([("https://example.org/", "tender:documents")], options));
    }
}
