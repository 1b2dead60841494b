using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Serverless.Links.Ports;

namespace Serverless.Links.Checking;

/// <summary>
/// The link checker's policy over <see cref="ILinkTransport"/>: per-host politeness (<see cref="HostPoliteness"/>), a
/// process-wide request limit, HEAD then GET, redirects followed and recorded, cookies within one check, retries of
/// transient failures (this is the only layer that retries), and classification into <see cref="LinkStatus"/>.
/// Register it as a singleton: politeness is only polite if every run shares it.
/// </summary>
public sealed class LinkChecker : ILinkChecker
{
    private readonly ILinkTransport _transport;
    private readonly SemaphoreSlim _requests;

    public LinkChecker(ILinkTransport transport, IOptions<LinkCheckerOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _transport = transport;
        Options = options.Value;
        Time = time;
        Hosts = new HostPoliteness(Options, time);
        _requests = new SemaphoreSlim(Options.MaxConcurrency, Options.MaxConcurrency);
    }

    internal LinkCheckerOptions Options { get; }

    internal TimeProvider Time { get; }

    internal HostPoliteness Hosts { get; }

    /// <inheritdoc />
    /// <remarks>Input strings that differ only in their fragment share one check and get one result each; an input
    /// string given twice gets one result. Results carry the input string as <see cref="LinkCheckResult.Url"/>.
    /// <paramref name="urls"/> is read lazily, a bounded window ahead of the checks (<see cref="CheckPlan"/>), so a
    /// run's memory does not grow with its length beyond a 64-bit fingerprint per distinct input (about 20 bytes with
    /// the set that holds it); fragment siblings more than <see cref="CheckPlan.Window"/> requests apart are each
    /// requested.</remarks>
    public async IAsyncEnumerable<LinkCheckResult> CheckAllAsync(IEnumerable<string> urls, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Validated here, read lazily by the workers as they take checks.
        var plan = CheckPlan.Create(urls);

        // Bounded, so a slow reader holds the workers back instead of letting finished results pile up.
        var results = Channel.CreateBounded<LinkCheckResult>(new BoundedChannelOptions(Math.Max(1, Options.MaxConcurrency)) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(plan, results.Writer, stop.Token);
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // The reader stopped early or failed: stop the workers and let them unwind before returning.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Reached only when every result was read: surfaces a worker's unexpected exception.
        await producer.ConfigureAwait(false);
    }

    internal async Task<LinkResponse> SendAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requests.Release();
        }
    }

    private async Task ProduceAsync(IEnumerable<PlannedCheck> plan, ChannelWriter<LinkCheckResult> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            // The loop takes one item at a time, under its lock, when a worker is free: the plan is read no faster than
            // the checks go.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(plan, parallel, async (check, token) =>
            {
                var result = await OutcomeAsync(check, token).ConfigureAwait(false);
                foreach (var input in check.Inputs)
                {
                    await writer.WriteAsync(result with { Url = input }, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task<LinkCheckResult> OutcomeAsync(PlannedCheck check, CancellationToken cancellationToken)
    {
        if (check.Shared is { } shared)
        {
            return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (check.Url is not { } url)
        {
            return Skipped(check.SkipReason);
        }

        try
        {
            var result = await new LinkCheckSession(this).RunAsync(url, cancellationToken).ConfigureAwait(false);
            check.Complete(result);
            return result;
        }
        finally
        {
            check.Abandon();
        }
    }

    private LinkCheckResult Skipped(string? reason) => new()
    {
        Url = string.Empty,
        Status = LinkStatus.Skipped,
        Detail = reason,
        CheckedAt = Time.GetUtcNow(),
    };
}
