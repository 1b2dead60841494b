using System.Globalization;
using System.Runtime.InteropServices;

namespace Serverless.Benchmarks.Support;

/// <summary>A short description of the machine and of how busy it was, printed after the figures.</summary>
internal static class MachineInfo
{
    public static string LoadAverage => TryRead("/proc/loadavg")?.Split(' ').FirstOrDefault() ?? "?";

    public static IEnumerable<string> Describe(string mode, string loadAtStart, TimeSpan elapsed)
    {
        var cpu = TryRead("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = TryRead("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var ram = memKb is null ? "? GB" : string.Create(CultureInfo.InvariantCulture, $"{long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB");
        var os = TryRead("/etc/os-release")?.Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            ?? RuntimeInformation.OSDescription;
        var kernel = TryRead("/proc/sys/kernel/osrelease")?.Trim() ?? "?";
        yield return $"machine: {Environment.ProcessorCount} cores ({cpu}), {ram} RAM, {os}, kernel {kernel}, {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}), {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"run: {mode} mode, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalSeconds:0} s; load average {loadAtStart} at start, {LoadAverage} at end (other work on the machine shows there)");
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
