namespace Serverless.Functions.Tests.Cli;

/// <summary>Finds the hand-written notices in <c>Cli/Fixtures</c>.</summary>
internal static class CliFixtures
{
    private static readonly string[] Folder = ["Cli", "Fixtures"];

    /// <summary>
    /// The copy in the test output when the project copies it there, else the source file found by
    /// walking up from the output folder (bin/Debug/net10.0 sits inside the project folder).
    /// </summary>
    public static string PathOf(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine([folder.FullName, .. Folder, name]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Fixture {name} not found in Cli/Fixtures above {AppContext.BaseDirectory}.", name);
    }
}
