using Serverless.Testing;
using Serverless.Testing.Wayback;
using Serverless.Testing.Web;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// One simulated web and Wayback Machine for the whole test run. Every host a test starts sends its outbound link
/// checks here (port 80 and 443 to the loopback web, any other port to a closed one) and looks things up in this
/// archive, so whichever instance takes a queue message, the outcome is the same and nothing leaves the machine.
/// </summary>
internal static class SimulatedWorld
{
    public const string AccessKey = "e2e-spn-access";
    public const string SecretKey = "e2e-spn-secret-5d1c";

    private static readonly Lazy<Task<(LoopbackWeb Web, WaybackSimulator Wayback)>> Started = new(StartAsync);

    public static Task<(LoopbackWeb Web, WaybackSimulator Wayback)> GetAsync() => Started.Value;

    /// <summary>The host settings that point link checking and archiving at the simulation.</summary>
    public static async Task<IReadOnlyList<string>> SettingsAsync()
    {
        var (web, wayback) = await GetAsync();
        var settings = SimulatedHostSettings.For(web, wayback, AccessKey, SecretKey, otherPorts: [81, 8080])
            .Select(setting => $"--{setting.Key}={setting.Value}").ToList();
        settings.AddRange(
        [
            "--Wayback:StatusPollInterval=00:00:00.050",
            "--LinkChecker:RetryDelay=00:00:00.020",
            "--LinkChecker:MaxRetries=1",
            "--LinkChecker:Timeout=00:00:05",
            // The re-check timer fires only when a test asks (yearly, 1 January at 00:00:00).
            "--LinkReports:RecheckSchedule=0 0 0 1 1 *",
        ]);
        return settings;
    }

    private static async Task<(LoopbackWeb, WaybackSimulator)> StartAsync()
    {
        var web = await LoopbackWeb.StartAsync();
        SimulatedInternet.Install(web);
        var wayback = await WaybackSimulator.StartAsync();
        wayback.RequireKeys(AccessKey, SecretKey);
        return (web, wayback);
    }
}
