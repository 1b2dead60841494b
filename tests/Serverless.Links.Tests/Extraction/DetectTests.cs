using System.Text;
using Serverless.Links.Extraction;
using Serverless.Links.Tests.Corpus;

namespace Serverless.Links.Tests.Extraction;

/// <summary><see cref="LinkExtractor.Detect"/>: the first bytes decide, the file name and content type only when they cannot.</summary>
public sealed class DetectTests
{
    private static byte[] Head(string folder, string name)
    {
        using var file = LinkCorpus.Open(folder, name);
        var head = new byte[4096];
        var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..length];
    }

    [Theory]
    [InlineData("wxr", "cfengine_wordpress-export_2020.xml", DocumentKind.Wxr)]
    [InlineData("wxr", "cclabs_wordpress-export_2014.xml", DocumentKind.Wxr)]
    [InlineData("wxr", "wp-theme-unit-test-data.xml", DocumentKind.Wxr)]
    [InlineData("wxr", "wxr-1.0_valid.xml", DocumentKind.Wxr)]
    [InlineData("html", "wikipedia_mozilla.html", DocumentKind.Html)]
    [InlineData("html", "firefox-nightly-blog_2020-12.html", DocumentKind.Html)]
    [InlineData("html", "liberation_fr_2015.html", DocumentKind.Html)]
    [InlineData("html", "wptavern_wordpress-post.html", DocumentKind.Html)]
    public void Detect_CorpusFileWithoutName_IsToldByItsFirstBytes(string folder, string name, DocumentKind expected)
    {
        Assert.Equal(expected, LinkExtractor.Detect(Head(folder, name), fileName: null, contentType: null));
    }

    [Theory]
    [InlineData("sindresorhus-awesome_readme_2016.md")]
    [InlineData("etalab-guide_lier-les-donnees-a-un-referentiel.md")]
    public void Detect_MarkdownStartingWithHtmlOrFrontMatter_IsMarkdownByItsName(string name)
    {
        // The awesome list opens with <h1 align="center">: HTML inside Markdown, not an HTML document.
        Assert.Equal(DocumentKind.Markdown, LinkExtractor.Detect(Head("markdown", name), name, contentType: null));
    }

    [Fact]
    public void Detect_ExportSavedWithAnotherExtension_IsStillAnExport()
    {
        Assert.Equal(DocumentKind.Wxr, LinkExtractor.Detect(Head("wxr", "cfengine_wordpress-export_2020.xml"), "export.txt", "text/plain"));
    }

    [Theory]
    [InlineData("\uFEFF<!DOCTYPE html><title>x</title>", null, null, DocumentKind.Html)]
    [InlineData("  <!-- saved page -->\n<HTML lang=\"en\">", null, null, DocumentKind.Html)]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", null, null, DocumentKind.Html)]
    [InlineData("<?xml version=\"1.0\"?><catalog><book/></catalog>", null, null, null)]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">]>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">", null, null, DocumentKind.Wxr)]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file:///etc/passwd\"><rss xmlns:wp=\"http://wordpress.org/export/1.2/\">", null, null, DocumentKind.Wxr)]
    [InlineData("<rss version=\"2.0\"><channel><title>News</title></channel></rss>", null, null, null)]
    [InlineData("Just some words with https://example.org/ in them.", null, null, null)]
    [InlineData("Just some words.", "notes.txt", null, DocumentKind.Text)]
    [InlineData("Just some words.", null, "text/plain; charset=utf-8", DocumentKind.Text)]
    [InlineData("# Title", "README.markdown", null, DocumentKind.Markdown)]
    [InlineData("# Title", null, "text/markdown", DocumentKind.Markdown)]
    [InlineData("<p>A fragment</p>", "post.html", null, DocumentKind.Html)]
    [InlineData("# Title", "page.md", "text/html", DocumentKind.Markdown)]
    [InlineData("", "empty.md", null, DocumentKind.Markdown)]
    public void Detect_Head_SignatureFirstThenNameThenContentType(string head, string? fileName, string? contentType, DocumentKind? expected)
    {
        Assert.Equal(expected, LinkExtractor.Detect(Encoding.UTF8.GetBytes(head), fileName, contentType));
    }

    [Fact]
    public void Detect_Utf16WithByteOrderMark_IsDecodedFirst()
    {
        var head = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<!doctype html><p>hi</p>")).ToArray();

        Assert.Equal(DocumentKind.Html, LinkExtractor.Detect(head, null, null));
    }

    [Fact]
    public void Detect_BinaryBytes_IsNullWhateverTheName()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        Assert.Null(LinkExtractor.Detect(png, "page.html", "text/html"));
    }

    [Fact]
    public void Detect_NamespaceBeyondTheFirstFourKilobytes_IsNotSeen()
    {
        var head = Encoding.UTF8.GetBytes("<rss version=\"2.0\" " + new string(' ', 5000) + "xmlns:wp=\"http://wordpress.org/export/1.2/\">");

        Assert.Null(LinkExtractor.Detect(head, null, null));
    }
}
