namespace Serverless.Tenders.Tests.Corpus;

/// <summary>
/// The shared corpus of real and SDK-sample notices, read in place at
/// <c>&lt;repository root&gt;/../shared/corpus</c>; it is never copied into the repository.
/// </summary>
internal static class CorpusFiles
{
    private static readonly Lazy<string> Root = new(FindCorpus);

    public static string EformsFolder => Path.Combine(Root.Value, "tenders", "eforms");

    public static string TedFolder => Path.Combine(Root.Value, "tenders", "ted-legacy");

    /// <summary>A folder of the tender corpus by name (<c>boamp</c>, <c>decp</c>, <c>ocds</c>…).</summary>
    public static string Folder(string name) => Path.Combine(Root.Value, "tenders", name);

    /// <summary>The file names (not paths) in a corpus folder, sorted.</summary>
    public static IReadOnlyList<string> Names(string folder) =>
        Directory.EnumerateFiles(folder, "*.xml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public static Stream Open(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Corpus file {name} is missing from {folder}.", path);
        }

        return File.OpenRead(path);
    }

    private static string FindCorpus()
    {
        var repositoryRoot = FindRepositoryRoot();
        var corpus = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "corpus"));
        if (!Directory.Exists(Path.Combine(corpus, "tenders")))
        {
            throw new DirectoryNotFoundException(
                $"The notice corpus was not found. Expected it at {Path.Combine(corpus, "tenders")} " +
                $"(<repository root>/../shared/corpus/tenders, the repository root being {repositoryRoot}). " +
                "The tests read it in place; put the shared corpus there.");
        }

        return corpus;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder containing Serverless.sln above {AppContext.BaseDirectory}: the tests must run from a build inside the repository.");
    }
}
