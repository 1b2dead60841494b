namespace Serverless.Cli;

/// <summary>
/// Short texts for files that cannot be opened, kept together so <c>parse</c> and <c>ingest</c> say
/// the same thing. The runtime's messages repeat the full path, which the caller already prints.
/// </summary>
internal static class FileProblems
{
    public static string Describe(string path, Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException when Directory.Exists(path) => "is a folder, not a file",
        FileNotFoundException or DirectoryNotFoundException => "file not found",
        UnauthorizedAccessException when Directory.Exists(path) => "is a folder, not a file",
        UnauthorizedAccessException => "permission denied",
        _ => $"cannot be read: {exception.Message}",
    };
}
