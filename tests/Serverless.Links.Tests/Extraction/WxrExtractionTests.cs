using System.Text;
using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// WordPress exports: one document per item, its permalink as the base, the export's blog as the site, and
/// refusal of what is not an export. Expected values are read off <c>Fixtures/small-export.xml</c> by hand.
/// </summary>
public sealed class WxrExtractionTests
{
    private static IReadOnlyList<ExtractedDocument> SmallExport() => Extract.All(Fixtures.Open("small-export.xml"), DocumentKind.Wxr);

    [Fact]
    public void Extract_Export_YieldsEveryItemWithItsSource()
    {
        var documents = SmallExport();

        Assert.Equal(
            [
                ("11", "First post", "post", "publish", "https://blog.example.org/2024/01/first-post/"),
                ("12", "Draft page", "page", "draft", "https://blog.example.org/?page_id=12"),
                ("13", "Shop", "nav_menu_item", "publish", "https://blog.example.org/?p=13"),
                ("14", "photo", "attachment", "inherit", "https://blog.example.org/2024/01/first-post/photo/"),
            ],
            documents.Select(document => (document.Source.PostId, document.Source.Title, document.Source.Type, document.Source.Status, document.Source.BaseUrl)));
    }

    [Fact]
    public void Extract_Post_ResolvesAgainstThePermalinkAndClassifiesByTheBlogHost()
    {
        var links = SmallExport()[0].Links;

        Assert.Equal(
            [
                ("https://blog.example.org/2024/01/second-post/", "a", LinkKind.Internal, 1),
                ("https://other.example.net/?a=1&b=2", "a", LinkKind.Outbound, 2),
                ("https://www.youtube.com/watch?v=abc123&t=42", "wp:embed", LinkKind.Outbound, 4),
                ("https://blog.example.org/about/", "a", LinkKind.Internal, 6),
                // The export's wp:base_site_url is https://example.org, but the blog is blog.example.org: the network is another site.
                ("https://example.org/", "a", LinkKind.Outbound, 6),
                ("https://excerpt.example.com/", "a", LinkKind.Outbound, 1),
            ],
            links.Select(link => (link.Url, link.Element, link.Kind, link.Line)));
    }

    [Fact]
    public void Extract_Post_CommentLinksAreNotThePosts()
    {
        var links = SmallExport()[0].Links;

        Assert.DoesNotContain(links, link => link.Url is "https://spam.example.com/" or "https://commenter.example.com/");
    }

    [Fact]
    public void Extract_EmbedLine_KeepsTheRawUrlDecodedOnce()
    {
        var embed = Assert.Single(SmallExport()[0].Links, link => link.Element == "wp:embed");

        // Written "https://www.youtube.com/watch?v=abc123&amp;t=42" alone on the fourth line of the content.
        Assert.Equal("https://www.youtube.com/watch?v=abc123&t=42", embed.Raw);
        Assert.Equal(1, embed.Column);
    }

    [Fact]
    public void Extract_DraftWithoutLinks_IsYieldedWithNone()
    {
        var draft = SmallExport()[1];

        Assert.Equal("draft", draft.Source.Status);
        Assert.Empty(draft.Links);
    }

    [Fact]
    public void Extract_MenuItemAndAttachment_GiveTheirTargets()
    {
        var documents = SmallExport();

        var menu = Assert.Single(documents[2].Links);
        Assert.Equal(("https://shop.example.com/", "wp:menu_item_url", LinkKind.Outbound), (menu.Url, menu.Element, menu.Kind));
        var attachment = Assert.Single(documents[3].Links);
        Assert.Equal(
            ("https://blog.example.org/wp-content/uploads/2024/01/photo.jpg", "wp:attachment_url", LinkKind.Internal),
            (attachment.Url, attachment.Element, attachment.Kind));
    }

    [Fact]
    public void Extract_SiteHostsGiven_TheyReplaceTheExportsBlog()
    {
        var documents = Extract.All(Fixtures.Open("small-export.xml"), DocumentKind.Wxr, null, "example.org");

        // example.org and its subdomain blog.example.org are now the site; other.example.net and shop.example.com are not.
        Assert.Equal(LinkKind.Internal, documents[0].Links.Find("https://example.org/").Kind);
        Assert.Equal(LinkKind.Internal, documents[0].Links.Find("https://blog.example.org/about/").Kind);
        Assert.Equal(LinkKind.Outbound, documents[0].Links.Find("https://other.example.net/?a=1&b=2").Kind);
        Assert.Equal(LinkKind.Outbound, Assert.Single(documents[2].Links).Kind);
    }

    [Fact]
    public void Extract_ExportWithDtd_IsRefusedAndNothingIsRead()
    {
        var documents = LinkExtractor.Extract(Fixtures.Open("doctype-export.xml"), DocumentKind.Wxr, new ExtractionOptions());

        var error = Assert.Throws<LinkExtractionException>(() => documents.ToList());
        Assert.Contains("declares a DTD", error.Message);
    }

    [Fact]
    public void Extract_TruncatedExport_YieldsTheItemsBeforeTheErrorThenSaysWhere()
    {
        using var content = Fixtures.Open("truncated-export.xml");
        using var documents = LinkExtractor.Extract(content, DocumentKind.Wxr, new ExtractionOptions()).GetEnumerator();

        Assert.True(documents.MoveNext());
        Assert.Equal("1", documents.Current.Source.PostId);
        Assert.Equal("https://example.net/one", Assert.Single(documents.Current.Links).Url);
        var error = Assert.Throws<LinkExtractionException>(() => documents.MoveNext());

        // The file ends inside the second item's CDATA: its 13 lines are read and the reader stops at the start of line 14.
        Assert.StartsWith("The WordPress export is not well-formed XML at line 14, position 1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("CDATA", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><catalog><book/></catalog>", "its root element is <catalog>")]
    [InlineData("<rss version=\"2.0\"><channel><item><title>News</title></item></channel></rss>", "not a WordPress export: the namespace")]
    [InlineData("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item>", "not well-formed XML")]
    [InlineData("", "The file is empty")]
    public void Extract_NotAnExport_ThrowsWithAMessageForTheUser(string xml, string expected)
    {
        var documents = LinkExtractor.Extract(new MemoryStream(Encoding.UTF8.GetBytes(xml)), DocumentKind.Wxr, new ExtractionOptions());

        var error = Assert.Throws<LinkExtractionException>(() => documents.ToList());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Extract_ItemWithRelativePermalink_FallsBackToTheDocumentUrl()
    {
        const string xml = """
            <rss xmlns:wp="http://wordpress.org/export/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <link>https://blog.example.org</link>
            <item><title>No permalink</title><content:encoded><![CDATA[<a href="page/">p</a>]]></content:encoded></item>
            </channel></rss>
            """;

        var withoutBase = Assert.Single(Extract.All(new MemoryStream(Encoding.UTF8.GetBytes(xml)), DocumentKind.Wxr));
        var withBase = Assert.Single(Extract.All(new MemoryStream(Encoding.UTF8.GetBytes(xml)), DocumentKind.Wxr, "https://blog.example.org/drafts/"));

        // No <link> in the item: the channel's link is the base, unless the caller gave the document's URL.
        Assert.Equal("https://blog.example.org/page/", Assert.Single(withoutBase.Links).Url);
        Assert.Equal("https://blog.example.org/drafts/page/", Assert.Single(withBase.Links).Url);
    }

    [Fact]
    public void Extract_UrlOnItsOwnLineInACodeListing_IsNotAnEmbed()
    {
        const string xml = """
            <rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <item><link>https://blog.example.org/p/</link><content:encoded><![CDATA[Run this:
            <pre>
            curl
              https://api.example.com/login
            </pre>
            https://vimeo.com/12345
            ]]></content:encoded></item>
            </channel></rss>
            """;

        var link = Assert.Single(Assert.Single(Extract.All(new MemoryStream(Encoding.UTF8.GetBytes(xml)), DocumentKind.Wxr)).Links);

        Assert.Equal(("https://vimeo.com/12345", "wp:embed", 6), (link.Url, link.Element, link.Line));
    }

    [Fact]
    public void Extract_PostNestedTooDeep_NamesThePost()
    {
        var xml = $"""
            <rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <item><title>Hostile</title><wp:post_id>66</wp:post_id><content:encoded><![CDATA[{string.Concat(Enumerable.Repeat("<span>", 2_000))}]]></content:encoded></item>
            </channel></rss>
            """;

        var documents = LinkExtractor.Extract(new MemoryStream(Encoding.UTF8.GetBytes(xml)), DocumentKind.Wxr, new ExtractionOptions());

        var error = Assert.Throws<LinkExtractionException>(() => documents.ToList());
        Assert.StartsWith("Item 66 (Hostile): The HTML nests elements more than 1024 deep", error.Message, StringComparison.Ordinal);
    }
}
