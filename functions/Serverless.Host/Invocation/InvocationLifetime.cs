using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;

namespace Serverless.Host.Invocation;

/// <summary>
/// Graceful shutdown (SIGTERM): as soon as the application starts stopping, listeners stop taking messages
/// and Kestrel stops taking requests; in-flight invocations get <see cref="HostJsonOptions.ShutdownGracePeriod"/>
/// to finish, then their cancellation tokens fire. Shutdown reports how many were cancelled.
/// </summary>
internal sealed class InvocationLifetime(
    FunctionDispatcher dispatcher,
    IHostApplicationLifetime application,
    IOptions<HostJsonOptions> options,
    ILogger<InvocationLifetime> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private CancellationTokenRegistration _stopping;

    /// <summary>Fires when the grace period has run out during shutdown.</summary>
    public CancellationToken InvocationsCancelled => _cancel.Token;

    public bool Draining { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = application.ApplicationStopping.Register(() =>
        {
            Draining = true;
            dispatcher.BeginDrain();
            var grace = options.Value.ShutdownGracePeriod;
            if (dispatcher.InFlight > 0)
            {
                logger.LogInformation("Draining: {Count} invocation(s) in flight get up to {Grace} to finish", dispatcher.InFlight, grace);
            }

            _cancel.CancelAfter(grace);
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var idle = dispatcher.WhenIdleAsync();
        var cancelled = Task.Delay(Timeout.Infinite, _cancel.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        if (await Task.WhenAny(idle, cancelled).ConfigureAwait(false) != idle)
        {
            logger.LogWarning("Grace period over: cancelled {Count} invocation(s)", dispatcher.InFlight);
            await Task.WhenAny(idle, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _cancel.Dispose();
    }
}
