using System.Text.Json;
using Serverless.Functions.Tests.Support;

namespace Serverless.Functions.Tests.Cli;

/// <summary>
/// <c>serverless links</c>: a document in, one JSON object per link out. Expected values are read off
/// <c>Fixtures/links-page.html</c> and <c>Fixtures/links-notes.txt</c>, and for the export off the corpus file
/// (<c>grep -c 'href=\|src='</c> per item, one repeat in each post: 27 + 11 links).
/// </summary>
public sealed class LinksCommandTests
{
    private static readonly string Page = CliFixtures.PathOf("links-page.html");
    private static readonly string Notes = CliFixtures.PathOf("links-notes.txt");
    private static readonly string CfengineExport = Path.Combine(RealServices.Corpus, "links", "wxr", "cfengine_wordpress-export_2020.xml");

    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    [Fact]
    public async Task Links_HtmlPageWithBase_PrintsOneJsonObjectPerLink()
    {
        var run = await CliRun.RunAsync("links", Page, "--base", "https://www.example.org/team/");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = Lines(run.Out);
        Assert.Equal(4, lines.Count);

        var about = lines[0];
        Assert.Equal("https://www.example.org/about", about.GetProperty("url").GetString());
        Assert.Equal("https://www.example.org/about", about.GetProperty("raw").GetString());
        Assert.Equal("internal", about.GetProperty("kind").GetString());
        Assert.Equal("a", about.GetProperty("element").GetString());
        Assert.Equal(4, about.GetProperty("line").GetInt32());
        Assert.Equal(4, about.GetProperty("column").GetInt32());
        Assert.Equal("About us", about.GetProperty("context").GetString());
        Assert.False(about.TryGetProperty("fragment", out _));
        Assert.False(about.TryGetProperty("source", out _));

        var contact = lines[1];
        Assert.Equal("https://www.example.org/contact", contact.GetProperty("url").GetString());
        Assert.Equal("/contact#form", contact.GetProperty("raw").GetString());
        Assert.Equal("form", contact.GetProperty("fragment").GetString());

        Assert.Equal(("https://other.example.net/report.pdf", "outbound"), (lines[2].GetProperty("url").GetString(), lines[2].GetProperty("kind").GetString()));

        var mail = lines[3];
        Assert.Equal(JsonValueKind.Null, mail.GetProperty("url").ValueKind);
        Assert.Equal("not-checked", mail.GetProperty("kind").GetString());
        Assert.Equal("scheme mailto", mail.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Links_WithoutBase_RelativeLinkIsNotCheckedAndNothingIsInternal()
    {
        var run = await CliRun.RunAsync("links", Page);

        var lines = Lines(run.Out);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["outbound", "not-checked", "outbound", "not-checked"], lines.Select(line => line.GetProperty("kind").GetString()));
        Assert.Equal("relative link without a base URL", lines[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Links_WordPressExport_EachLinkCarriesItsPost()
    {
        var run = await CliRun.RunAsync("links", CfengineExport);

        Assert.Equal(0, run.ExitCode);
        var lines = Lines(run.Out);
        Assert.Equal(38, lines.Count);
        var first = lines[0].GetProperty("source");
        Assert.Equal("10071", first.GetProperty("postId").GetString());
        Assert.Equal("CFEngine 3.16 - Compliance", first.GetProperty("title").GetString());
        Assert.Equal("pt_blog", first.GetProperty("type").GetString());
        Assert.Equal("publish", first.GetProperty("status").GetString());
        Assert.Equal(11, lines.Count(line => line.GetProperty("source").GetProperty("postId").GetString() == "9583"));
    }

    [Fact]
    public async Task Links_TextFile_IsReadAsTextUnlessKindSaysMarkdown()
    {
        var asText = await CliRun.RunAsync("links", Notes);
        var asMarkdown = await CliRun.RunAsync("links", Notes, "--kind", "markdown");

        // "[x](https://example.org/md) and https://example.org/bare.": two written-out URLs in text, a link and a URL in Markdown.
        Assert.Equal(["bare", "bare"], Lines(asText.Out).Select(line => line.GetProperty("element").GetString()));
        Assert.Equal(["markdown-inline", "bare"], Lines(asMarkdown.Out).Select(line => line.GetProperty("element").GetString()));
        Assert.Equal(
            ["https://example.org/md", "https://example.org/bare"],
            Lines(asMarkdown.Out).Select(line => line.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Links_KindCannotBeTold_IsAUsageErrorThatSuggestsKind()
    {
        var unknown = CliFixtures.PathOf("links-unknown");

        var run = await CliRun.RunAsync("links", unknown);

        Assert.Equal(64, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains($"{unknown}: cannot tell whether this is HTML, a WordPress export, Markdown or text; give --kind", run.Error);
    }

    [Fact]
    public async Task Links_MissingFile_ExitsOneAndSaysSo()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.html");

        var run = await CliRun.RunAsync("links", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {missing}: file not found", run.Error.Trim());
    }

    [Fact]
    public async Task Links_DtdForcedAsExport_ExitsOneWithTheReason()
    {
        var doctype = CliFixtures.PathOf("doctype.xml");

        var run = await CliRun.RunAsync("links", doctype, "--kind", "wxr");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains($"error: {doctype}: The file declares a DTD", run.Error);
    }

    [Theory]
    [InlineData("links needs exactly one FILE")]
    [InlineData("links needs exactly one FILE", "a.html", "b.html")]
    [InlineData("--base must be an absolute http(s) URL, not '/relative'", "a.html", "--base", "/relative")]
    [InlineData("--base must be an absolute http(s) URL, not 'ftp://example.org/'", "a.html", "--base", "ftp://example.org/")]
    [InlineData("--kind must be one of html, wxr, markdown, text, not 'pdf'", "a.html", "--kind", "pdf")]
    [InlineData("unknown option '--site'", "a.html", "--site", "example.org")]
    public async Task Links_BadCommandLine_IsAUsageError(string expected, params string[] args)
    {
        var run = await CliRun.RunAsync(["links", .. args]);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains($"error: {expected}", run.Error);
        Assert.Contains("Run 'serverless links --help' for usage.", run.Error);
    }

    [Fact]
    public async Task Links_Help_DescribesTheOutputAndExitCodes()
    {
        var run = await CliRun.RunAsync("links", "--help");
        var main = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Usage: serverless links FILE [--base URL] [--kind KIND]", run.Out, StringComparison.Ordinal);
        Assert.Contains("outbound, internal or not-checked", run.Out);
        Assert.Contains("serverless links FILE [options]", main.Out);
    }
}
