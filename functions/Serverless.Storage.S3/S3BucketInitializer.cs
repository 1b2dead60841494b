using Microsoft.Extensions.Hosting;

namespace Serverless.Storage.S3;

/// <summary>
/// Creates the bucket at start-up, before any other hosted service starts (so the first ingestion
/// never meets a missing bucket), and fails start-up with the store's message when S3 cannot be reached.
/// </summary>
internal sealed class S3BucketInitializer(S3ObjectStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.EnsureBucketAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
