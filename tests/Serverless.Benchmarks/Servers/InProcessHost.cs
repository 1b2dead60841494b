using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Benchmarks.Support;
using Serverless.Host;

namespace Serverless.Benchmarks.Servers;

/// <summary>
/// Our host inside this process, against the benchmark schema and bucket, keys enforced (Production), the repository's
/// host.json. Used where the floor runs in this process too (ingestion, queue), so that both sides share one process.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, Uri address, string masterKey)
    {
        _app = app;
        Address = address;
        MasterKey = masterKey;
    }

    public Uri Address { get; }

    public string MasterKey { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts a host of <paramref name="builder"/>'s making; <paramref name="configure"/> adds the app's services.</summary>
    public static async Task<InProcessHost> StartAsync(
        BenchServices services,
        Func<string[], ServerlessApplicationBuilder> builder,
        Action<IServiceCollection> configure,
        CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var masterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var app = builder(
        [
            $"--urls={address.ToString().TrimEnd('/')}",
            "--environment=Production",
            $"--FunctionKeys:Master={masterKey}",
            $"--ConnectionStrings:Postgres={services.ConnectionString}",
            $"--S3:Bucket={services.Bucket}",
            "--Logging:LogLevel:Default=Warning",
            // stdout carries the figures only.
            "--Logging:Console:LogToStandardErrorThreshold=Trace",
        ]);
        configure(app.Services);
        var built = app.Build();
        await built.StartAsync(cancellationToken).ConfigureAwait(false);
        return new InProcessHost(built, address, masterKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
