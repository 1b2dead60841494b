namespace Serverless.Benchmarks.Support;

/// <summary>The real notices of <c>&lt;repository&gt;/../shared/corpus/tenders</c>, read at run time.</summary>
internal static class Corpus
{
    /// <summary>eForms notices: the parsing figures.</summary>
    public static IReadOnlyList<CorpusFile> Eforms => Read("eforms");

    /// <summary>Every notice the ingestion accepts (eForms and legacy TED XML): the ingestion figure.</summary>
    public static IReadOnlyList<CorpusFile> Notices => [.. Read("eforms"), .. Read("ted-legacy")];

    private static IReadOnlyList<CorpusFile> Read(string folder)
    {
        var path = Path.Combine(Root(), "tenders", folder);
        var files = Directory.GetFiles(path, "*.xml").Order(StringComparer.Ordinal).Select(f => new CorpusFile(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        return files.Count > 0 ? files : throw new FileNotFoundException($"No *.xml notices in {path}.");
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
        {
            dir = dir.Parent;
        }

        var corpus = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
        return corpus is not null && Directory.Exists(corpus)
            ? corpus
            : throw new DirectoryNotFoundException($"The shared corpus is expected at <repository>/../shared/corpus (looked for {corpus ?? "the repository root"}).");
    }
}

/// <summary>One corpus file, in memory.</summary>
internal sealed record CorpusFile(string Name, byte[] Bytes)
{
    /// <summary>The same notice with a unique comment after the root element: other bytes, so never a duplicate.</summary>
    public byte[] Fresh() => [.. Bytes, .. System.Text.Encoding.UTF8.GetBytes($"\n<!-- benchmark {Guid.NewGuid():N} -->\n")];
}
