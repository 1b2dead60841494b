namespace Serverless.Links.Tests.Corpus;

/// <summary>
/// The shared corpus of real pages and exports, read in place at <c>&lt;repository root&gt;/../shared/corpus/links</c>;
/// it is never copied into the repository.
/// </summary>
internal static class LinkCorpus
{
    private static readonly Lazy<string> Root = new(FindCorpus);

    /// <summary>The full path of a corpus file, e.g. <c>Path("wxr", "cfengine_wordpress-export_2020.xml")</c>.</summary>
    public static string Path(string folder, string name)
    {
        var path = System.IO.Path.Combine(Root.Value, folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Corpus file {name} is missing from {System.IO.Path.Combine(Root.Value, folder)}.", path);
    }

    public static Stream Open(string folder, string name) => File.OpenRead(Path(folder, name));

    private static string FindCorpus()
    {
        var repositoryRoot = FindRepositoryRoot();
        var corpus = System.IO.Path.GetFullPath(System.IO.Path.Combine(repositoryRoot, "..", "shared", "corpus", "links"));
        if (!Directory.Exists(corpus))
        {
            throw new DirectoryNotFoundException(
                $"The link corpus was not found. Expected it at {corpus} (<repository root>/../shared/corpus/links, the repository " +
                $"root being {repositoryRoot}). The tests read it in place; put the shared corpus there.");
        }

        return corpus;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder containing Serverless.sln above {AppContext.BaseDirectory}: the tests must run from a build inside the repository.");
    }
}
