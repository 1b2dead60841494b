using System.Diagnostics;

namespace Serverless.Benchmarks.Support;

/// <summary>
/// Peak resident memory of a process during one operation, above what it used just before: the kernel's peak
/// (reset at the start) and, as a cross-check where the reset is not allowed, a sample every few milliseconds.
/// </summary>
internal sealed class PeakResidentWatch
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(5);

    private readonly ProcessMemory _memory;
    private readonly bool _peakWasReset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _sampling;

    private PeakResidentWatch(ProcessMemory memory)
    {
        _memory = memory;
        BaselineBytes = memory.ResidentBytes;
        _peakWasReset = memory.TryResetPeak();
        _sampling = Task.Run(SampleAsync);
    }

    public long BaselineBytes { get; }

    public static PeakResidentWatch Start(ProcessMemory memory) => new(memory);

    /// <summary>Stops watching; returns the peak above the baseline in bytes.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        var sampled = await _sampling.ConfigureAwait(false);
        var peak = _peakWasReset ? Math.Max(sampled, _memory.PeakResidentBytes) : sampled;
        return Math.Max(0, peak - BaselineBytes);
    }

    private async Task<long> SampleAsync()
    {
        var max = BaselineBytes;
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                max = Math.Max(max, _memory.ResidentBytes);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Debug.Assert(max >= 0);
        return Math.Max(max, _memory.ResidentBytes);
    }
}
