namespace Serverless.Links.Tests.Extraction;

/// <summary>The hand-written documents in <c>Extraction/Fixtures</c>, copied to the test output.</summary>
internal static class Fixtures
{
    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Extraction", "Fixtures", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Fixture {name} is not in the test output.", path);
    }

    public static Stream Open(string name) => File.OpenRead(Path(name));
}
