using System.Net;
using System.Net.Sockets;
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

    private static readonly Lazy<Task<(LoopbackWeb Web, WaybackSimulator Wayback, int ClosedPort)>> Started = new(StartAsync);

    public static Task<(LoopbackWeb Web, WaybackSimulator Wayback, int ClosedPort)> GetAsync() => Started.Value;

    /// <summary>The host settings that point link checking and archiving at the simulation.</summary>
    public static async Task<IReadOnlyList<string>> SettingsAsync()
    {
        var (web, wayback, closed) = await GetAsync();
        var settings = new List<string>();
        var connectTo = web.ConnectTo.Append($"*:81=127.0.0.1:{closed}").Append($"*:8080=127.0.0.1:{closed}").ToList();
        for (var i = 0; i < connectTo.Count; i++)
        {
            settings.Add($"--OutboundHttp:ConnectTo:{i}={connectTo[i]}");
        }

        settings.AddRange(
        [
            $"--OutboundHttp:PinnedCertificates:0={web.CertificateThumbprint}",
            $"--Wayback:AvailabilityBaseUrl={wayback.BaseUrl}",
            $"--Wayback:WebBaseUrl={wayback.BaseUrl}",
            $"--Wayback:AccessKey={AccessKey}",
            $"--Wayback:SecretKey={SecretKey}",
            "--Wayback:StatusPollInterval=00:00:00.050",
            "--LinkChecker:RetryDelay=00:00:00.020",
            "--LinkChecker:MaxRetries=1",
            "--LinkChecker:Timeout=00:00:05",
            // One failed check makes a link dead here, so a single report shows archive redirects.
            "--LinkHistory:DeadAfterFailures=1",
            "--LinkHistory:MinFailureSpacing=00:00:00",
            // The re-check timer fires only when a test asks (yearly, 1 January at 00:00:00).
            "--LinkReports:RecheckSchedule=0 0 0 1 1 *",
        ]);
        return settings;
    }

    private static async Task<(LoopbackWeb, WaybackSimulator, int)> StartAsync()
    {
        var web = await LoopbackWeb.StartAsync();
        SimulatedInternet.Install(web);
        var wayback = await WaybackSimulator.StartAsync();
        wayback.RequireKeys(AccessKey, SecretKey);
        return (web, wayback, ClosedPort());
    }

    /// <summary>A loopback port nothing listens on: connections to it are refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
