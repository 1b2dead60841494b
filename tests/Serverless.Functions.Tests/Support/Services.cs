namespace Serverless.Functions.Tests.Support;

/// <summary>
/// The real services the integration tests need, from the environment that <c>infra/local/services.sh env</c> prints.
/// A missing setting fails the test with the command that fixes it; these tests never skip.
/// </summary>
internal static class RealServices
{
    public const string HowToStart = "Start the project's services and export their settings: bash infra/local/services.sh up && eval \"$(bash infra/local/services.sh env)\" (or run everything with bash infra/local/test.sh).";

    public static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {variable} is not set. {HowToStart}");

    public static string Postgres => Require("ConnectionStrings__Postgres");

    /// <summary><c>../shared/corpus</c> beside the repository.</summary>
    public static string Corpus
    {
        get
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
}
