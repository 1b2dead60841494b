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
    /// string given twice gets one result. Results carry the input string as <see cref="LinkCheckResult.Url"/>.</remarks>
    public async IAsyncEnumerable<LinkCheckResult> CheckAllAsync(IEnumerable<string> urls, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

    private async Task ProduceAsync(List<PlannedCheck> plan, ChannelWriter<LinkCheckResult> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(plan, parallel, async (check, token) =>
            {
                var result = check.Url is { } url
                    ? await new LinkCheckSession(this).RunAsync(url, token).ConfigureAwait(false)
                    : Skipped(check.SkipReason);
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

    private LinkCheckResult Skipped(string? reason) => new()
    {
        Url = string.Empty,
        Status = LinkStatus.Skipped,
        Detail = reason,
        CheckedAt = Time.GetUtcNow(),
    };
}
