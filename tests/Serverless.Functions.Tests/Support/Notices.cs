using System.Text;

namespace Serverless.Functions.Tests.Support;

/// <summary>Notice bytes for the tests: corpus files, and fresh variants that no earlier run has ingested.</summary>
internal static class Notices
{
    public static string CorpusFile(string relative) => Path.Combine(RealServices.Corpus, "tenders", relative);

    /// <summary>
    /// The corpus file with a unique XML comment appended after the root element: the same notice, other bytes,
    /// so the database (which persists between runs) has never seen its SHA-256.
    /// </summary>
    public static byte[] Fresh(string relative) =>
        [.. File.ReadAllBytes(CorpusFile(relative)), .. Encoding.UTF8.GetBytes($"\n<!-- test run {Guid.NewGuid()} -->\n")];

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
