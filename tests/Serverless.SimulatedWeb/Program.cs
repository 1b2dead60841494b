using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Serverless.Links.Extraction;
using Serverless.Testing;
using Serverless.Testing.Wayback;
using Serverless.Testing.Web;

// serverless-simulated-web SETTINGS_FILE [DOCUMENT...]
// Starts the tests' simulated web (every host on ports 80 and 443, behaviour by URL hash) and Wayback Machine on
// 127.0.0.1, gives the archive copies of some of DOCUMENTs' links, writes the host settings that point link checking
// there to SETTINGS_FILE (KEY=VALUE lines, mode 600), and runs until SIGTERM/SIGINT or until stdin closes.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Serverless.SimulatedWeb SETTINGS_FILE [DOCUMENT...]");
    return 64;
}

// An address of its own, so the host's guard lets through this simulation and nothing else on the machine
// (the host's admin routes, PostgreSQL and the S3 gateway stay refused).
var address = IPAddress.Parse("127.77.0.1");
await using var web = await LoopbackWeb.StartAsync(address);
SimulatedInternet.Install(web);
await using var wayback = await WaybackSimulator.StartAsync();
var accessKey = "simulated-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
var secretKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
wayback.RequireKeys(accessKey, secretKey);

var urls = new List<string>();
foreach (var path in args.Skip(1))
{
    await using var file = File.OpenRead(path);
    var head = new byte[4096];
    var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
    file.Position = 0;
    if (LinkExtractor.Detect(head.AsSpan(0, read), path, null) is { } kind)
    {
        urls.AddRange(LinkExtractor.Extract(file, kind, new ExtractionOptions()).SelectMany(d => d.Links).Where(l => l.Url is not null).Select(l => l.Url!));
    }
}

SimulatedInternet.Install(wayback, urls);

var otherPorts = urls.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null)
    .Where(u => u is { IsDefaultPort: false }).Select(u => u!.Port);
var settings = SimulatedHostSettings.For(web, wayback, accessKey, secretKey, otherPorts)
    .Append(new("OutboundHttp:AllowedPrivateNetworks:0", $"{address}/32"))
    .Append(new("Wayback:StatusPollInterval", "00:00:00.200"))
    // Each run starts a new simulator that remembers no earlier saves: let a run ask again for what an earlier run saved.
    .Append(new("Wayback:SaveWindow", "00:00:01"))
    .Select(setting => $"{setting.Key.Replace(":", "__", StringComparison.Ordinal)}={setting.Value}")
    .ToList();

var target = args[0];
var temporary = target + ".tmp";
await File.WriteAllLinesAsync(temporary, settings);
if (!OperatingSystem.IsWindows())
{
    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
}

File.Move(temporary, target, overwrite: true);
Console.WriteLine($"simulated web on {address}:{web.HttpPort} (http) and :{web.HttpsPort} (https), Wayback at {wayback.BaseUrl}, {urls.Distinct().Count()} links known to the archive");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
_ = Task.Run(() =>
{
    // Run by a script with stdin from /dev/null: that is at its end at once, so only a pipe counts.
    if (!Console.IsInputRedirected || new FileInfo("/proc/self/fd/0").LinkTarget == "/dev/null")
    {
        return;
    }

    while (Console.In.Read() >= 0)
    {
    }

    stop.Cancel();
});

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
