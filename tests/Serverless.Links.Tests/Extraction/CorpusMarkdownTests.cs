using Serverless.Links.Extraction;
using Serverless.Links.Tests.Corpus;

namespace Serverless.Links.Tests.Extraction;

/// <summary>Real Markdown pages of the shared corpus; how each figure was counted is said where it is asserted.</summary>
public sealed class CorpusMarkdownTests
{
    private const string Folder = "markdown";

    private static IReadOnlyList<ExtractedLink> Page(string name, string? url = null) =>
        Assert.Single(Extract.All(LinkCorpus.Open(Folder, name), DocumentKind.Markdown, url)).Links;

    [Fact]
    public void Extract_AwesomeProcurementData_GivesItsTwentyThreeUrlsAndTheRelativeLink()
    {
        var links = Page("awesome-procurement-data_readme.md");

        // grep -o '](https\?://[^) ]*' gives 23 URLs, all different (PROVENANCE: "23 URLs"): 22 links and the badge image
        // inside the first one. "[contribution guidelines](contributing.md)" is relative; the 3 "(#…)" links are anchors.
        Assert.Equal(24, links.Count);
        Assert.Equal(23, links.Count(link => link.Kind == LinkKind.Outbound));
        var relative = Assert.Single(links, link => link.Kind == LinkKind.NotChecked);
        Assert.Equal(("contributing.md", "relative link without a base URL"), (relative.Raw, relative.NotCheckedReason));
        // Line 1: "# Awesome Procurement Data [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)": the link, then
        // the image inside it.
        Assert.Equal(
            [("https://awesome.re/", "markdown-inline", 1, 28), ("https://awesome.re/badge.svg", "markdown-image", 1, 29)],
            links.Take(2).Select(link => (link.Url, link.Element, link.Line, link.Column)));
        // Line 30 (grep -n api.fscpsc): "It has a cool [API](https://api.fscpsc.com/), too!".
        var api = links.Find("https://api.fscpsc.com/", "markdown-inline");
        Assert.Equal((30, "API"), (api.Line, api.Context));
    }

    [Fact]
    public void Extract_EtalabGuide_SkipsFrontMatterAndAnchorsAndMergesTheSameUrl()
    {
        var links = Page("etalab-guide_lier-les-donnees-a-un-referentiel.md", "https://guides.etalab.gouv.fr/qualite/lier-les-donnees-a-un-referentiel/");

        // grep -o '](https\?://[^) ]*' gives 45 links to 35 different strings, two of which are one URL
        // (lines 117 and 125: https://adresse.data.gouv.fr/ and https://adresse.data.gouv.fr): 34 outbound. Two site
        // links: "(/qualite/preparer-le-jeu-de-donnees/#cas-2-…)" on line 8 and the image "(./images/spd.png)" on line 31.
        Assert.Equal(36, links.Count);
        Assert.Equal(34, links.Count(link => link.Kind == LinkKind.Outbound));
        var internals = links.Where(link => link.Kind == LinkKind.Internal).ToList();
        Assert.Equal(
            [
                ("https://guides.etalab.gouv.fr/qualite/preparer-le-jeu-de-donnees/", "cas-2-la-structure-de-vos-donnees-ne-correspond-a-aucun-schema-de-donnees-existant", 8),
                ("https://guides.etalab.gouv.fr/qualite/lier-les-donnees-a-un-referentiel/images/spd.png", null, 31),
            ],
            internals.Select(link => (link.Url, link.Fragment, link.Line)));
        // The front matter's "permalink: /qualite/…" (line 2) is metadata, not a link.
        Assert.DoesNotContain(links, link => link.Line < 5);
    }

    [Fact]
    public void Extract_SindresorhusAwesome_ReadsTheHtmlHeaderAndEveryListedUrl()
    {
        var links = Page("sindresorhus-awesome_readme_2016.md");

        // grep -o '](https\?://[^) ]*' | sort -u gives 326 URLs; the HTML header adds the logo <img src> (line 3), and none of
        // the 326 is written twice differently: 327 outbound (PROVENANCE: "about 327 links").
        Assert.Equal(327, links.Count(link => link.Kind == LinkKind.Outbound));
        var logo = Assert.Single(links, link => link.Element == "img");
        Assert.Equal(("https://cdn.rawgit.com/sindresorhus/awesome/master/media/logo.svg", 3, "awesome"), (logo.Url, logo.Line, logo.Context));
    }
}
