using Serverless.Links.Ports;

namespace Serverless.Links.Tests.Archive;

/// <summary>A hand-written <see cref="IWaybackApi"/>: answers what the test sets and records every call in order.</summary>
internal sealed class FakeWaybackApi : IWaybackApi
{
    private readonly Queue<SaveJobReply> _statuses = new();

    public CaptureLookup Availability { get; set; } = CaptureLookup.NotFound();

    public CaptureLookup Cdx { get; set; } = CaptureLookup.NotFound();

    public SaveCapacityReply Capacity { get; set; } = SaveCapacityReply.Answered(new SaveCapacity(Available: 3, Processing: 0, DailyCaptures: 0, DailyCapturesLimit: 100));

    public SaveJobReply Save { get; set; } = new(SaveJobState.Pending, "spn2-job-1");

    /// <summary>Calls as "Method(argument)", in order.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Status answers, one per poll; the last one repeats.</summary>
    public void QueueStatuses(params SaveJobReply[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public Task<CaptureLookup> LookUpAvailabilityAsync(string url, CancellationToken cancellationToken)
    {
        Calls.Add($"Availability({url})");
        return Task.FromResult(Availability);
    }

    public Task<CaptureLookup> LookUpCdxAsync(string url, CancellationToken cancellationToken)
    {
        Calls.Add($"Cdx({url})");
        return Task.FromResult(Cdx);
    }

    public Task<SaveCapacityReply> GetSaveCapacityAsync(CancellationToken cancellationToken)
    {
        Calls.Add("Capacity()");
        return Task.FromResult(Capacity);
    }

    public Task<SaveJobReply> RequestSaveAsync(string url, CancellationToken cancellationToken)
    {
        Calls.Add($"Save({url})");
        return Task.FromResult(Save);
    }

    public Task<SaveJobReply> GetSaveStatusAsync(string jobId, CancellationToken cancellationToken)
    {
        Calls.Add($"Status({jobId})");
        var status = _statuses.Count > 1 ? _statuses.Dequeue() : _statuses.Peek();
        return Task.FromResult(status);
    }
}
