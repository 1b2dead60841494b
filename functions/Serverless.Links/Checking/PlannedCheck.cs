namespace Serverless.Links.Checking;

/// <summary>
/// One item of a run's plan (<see cref="CheckPlan"/>), for one worker: a request to make (<see cref="Url"/> set), an
/// input set aside (<see cref="SkipReason"/> set), or an input that shares a request taken earlier (<see cref="Shared"/>
/// set), whose result it waits for instead of asking the server again.
/// </summary>
internal sealed class PlannedCheck
{
    private readonly List<string> _inputs;
    private readonly TaskCompletionSource<LinkCheckResult>? _outcome;

    private PlannedCheck(string input, Uri? url, string? key, string? skipReason, Task<LinkCheckResult>? shared)
    {
        _inputs = [input];
        Url = url;
        Key = key;
        SkipReason = skipReason;
        Shared = shared;
        if (url is not null)
        {
            // Asynchronous continuations: the inputs sharing this request must not run on the worker that completes it.
            _outcome = new TaskCompletionSource<LinkCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The URL to request; null when nothing is requested for this item.</summary>
    public Uri? Url { get; }

    /// <summary>The request key of <see cref="Url"/> (<see cref="CheckPlan.RequestKey"/>); null with it.</summary>
    public string? Key { get; }

    /// <summary>Why the input is not checked; null unless the item is skipped.</summary>
    public string? SkipReason { get; }

    /// <summary>The outcome of the earlier request this input shares; null unless the item shares one.</summary>
    public Task<LinkCheckResult>? Shared { get; }

    /// <summary>The distinct input strings that stand for this item (they differ only in their fragment). Grows while
    /// the item waits in the plan; fixed once a worker has taken it.</summary>
    public IReadOnlyList<string> Inputs => _inputs;

    /// <summary>The outcome of this item's request, for inputs that come after it was taken.</summary>
    public Task<LinkCheckResult> Outcome =>
        _outcome?.Task ?? throw new InvalidOperationException("Only a planned request has an outcome.");

    public static PlannedCheck Request(string input, Uri url, string key) => new(input, url, key, null, null);

    public static PlannedCheck Skip(string input, string reason) => new(input, null, null, reason, null);

    public static PlannedCheck Share(string input, Task<LinkCheckResult> outcome) => new(input, null, null, null, outcome);

    /// <summary>Adds an input naming the same request; only while the item waits in the plan.</summary>
    public void Join(string input) => _inputs.Add(input);

    public void Complete(LinkCheckResult result) => _outcome?.TrySetResult(result);

    /// <summary>The request will not complete (the run stops): inputs waiting on it stop too. No-op once completed.</summary>
    public void Abandon() => _outcome?.TrySetCanceled();
}
