namespace Serverless.Cli;

/// <summary>
/// Turns <c>ingest</c>'s PATH arguments into the files to send: a file as given (whatever its
/// name: the person chose it), a folder as every <c>*.xml</c> below it. Done before anything is
/// sent, so a mistyped path stops the run instead of leaving it half done.
/// </summary>
internal static class NoticeFiles
{
    private static readonly EnumerationOptions BelowFolder = new()
    {
        RecurseSubdirectories = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        // A folder we may not read is skipped, not fatal: the rest of the tree is still worth sending.
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>The files in a stable order (as given; folders sorted), each once.</summary>
    /// <exception cref="UsageException">A path is neither a file nor a folder, or nothing was found.</exception>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (File.Exists(path))
            {
                found = [path];
            }
            else if (Directory.Exists(path))
            {
                found = Directory.EnumerateFiles(path, "*.xml", BelowFolder).Order(StringComparer.Ordinal);
            }
            else
            {
                throw new UsageException($"{path}: no such file or folder");
            }

            files.AddRange(found.Where(file => seen.Add(Path.GetFullPath(file))));
        }

        if (files.Count == 0)
        {
            throw new UsageException($"no *.xml files found under {string.Join(", ", paths)}");
        }

        return files;
    }
}
