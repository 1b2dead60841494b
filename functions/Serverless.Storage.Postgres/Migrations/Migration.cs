using System.Reflection;

namespace Serverless.Storage.Postgres.Migrations;

/// <summary>One embedded migration script; its version is the file name without <c>.sql</c>.</summary>
internal sealed record Migration(string Version, string Sql)
{
    private const string ResourcePrefix = "Migrations/";
    private const string Extension = ".sql";

    /// <summary>The embedded scripts in ordinal name order, the order in which they are applied.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migration).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new Migration(n[ResourcePrefix.Length..^Extension.Length], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration {name} cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
