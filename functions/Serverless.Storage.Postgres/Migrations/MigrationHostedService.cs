using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Serverless.Storage.Postgres.Migrations;

/// <summary>
/// Runs the migrations in the "starting" phase of the host, which completes before any hosted service's
/// <c>StartAsync</c>, so queue listeners and functions only ever see the current schema. A failure stops start-up.
/// </summary>
internal sealed class MigrationHostedService(MigrationRunner runner, IOptions<PostgresOptions> options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ApplyMigrationsOnStart)
        {
            await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
