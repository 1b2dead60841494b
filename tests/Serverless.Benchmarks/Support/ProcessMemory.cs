using System.Globalization;

namespace Serverless.Benchmarks.Support;

/// <summary>
/// Resident set size of a process from <c>/proc/PID/status</c>: <c>VmRSS</c> now and <c>VmHWM</c>, the peak. Writing
/// 5 to <c>/proc/PID/clear_refs</c> resets the peak to the current size (Linux 4.0+, same user or root), so the peak
/// of one operation can be read without sampling.
/// </summary>
internal sealed class ProcessMemory(int processId)
{
    public static ProcessMemory Self { get; } = new(Environment.ProcessId);

    public long ResidentBytes => Read("VmRSS:");

    public long PeakResidentBytes => Read("VmHWM:");

    /// <summary>Resets the peak to the current size; false when the kernel does not allow it (then only sampling is left).</summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private long Read(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmRSS:     123456 kB"
                var kilobytes = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no {field} line (not Linux?).");
    }
}
