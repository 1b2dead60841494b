using Microsoft.Extensions.Configuration;

namespace Serverless.Storage.Tests;

/// <summary>
/// The settings of the real services the tests run against, from the environment that
/// <c>infra/local/services.sh env</c> exports. Missing settings or a silent service fail the tests, never skip them.
/// </summary>
internal static class LocalServices
{
    public const string HowToStart =
        "Storage tests run against the local PostgreSQL and Ceph RGW (S3). Start them and export their settings, then run the tests again:\n"
        + "    bash infra/local/services.sh up\n"
        + "    eval \"$(bash infra/local/services.sh env)\"";

    public static IConfiguration Configuration { get; } = new ConfigurationBuilder().AddEnvironmentVariables().Build();

    /// <summary>Fails with <see cref="HowToStart"/> when any of <paramref name="keys"/> (configuration keys) is not set.</summary>
    public static void Require(params string[] keys)
    {
        var missing = keys.Where(k => string.IsNullOrWhiteSpace(Configuration[k])).Select(k => k.Replace(":", "__", StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Environment variable(s) not set: {string.Join(", ", missing)}.\n{HowToStart}");
        }
    }

    public static InvalidOperationException Unreachable(string service, Exception e) =>
        new($"{service} did not answer: {e.Message}\n{HowToStart}", e);
}
