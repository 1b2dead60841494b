using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serverless.Functions.Links;
using Serverless.Host;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// The real function app (the same wiring as Program.cs) in-process on a free loopback port, against the real
/// PostgreSQL and Ceph RGW. Production environment, so keys are enforced. Outbound link checks and archive lookups go
/// to the run's <see cref="SimulatedWorld"/>.
/// </summary>
public sealed class FunctionAppHost : IAsyncDisposable
{
    public const string MasterKey = "e2e-master-key-7f3a9c";
    public const long MaxDocumentBytes = 2 * 1024 * 1024;
    public const long MaxPageBytes = 256 * 1024;

    private readonly WebApplication _app;

    private FunctionAppHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add("x-functions-key", MasterKey);
    }

    public Uri Address { get; }

    /// <summary>A client that sends the master key.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<FunctionAppHost> StartAsync(Action<IServiceCollection>? decorate = null, IEnumerable<string>? settings = null)
    {
        _ = RealServices.Postgres;
        RealServices.Require("S3__Endpoint");
        var port = FreePort();
        var world = await SimulatedWorld.SettingsAsync();
        var builder = ServerlessApplication.CreateBuilder(
            [
                .. world,
                $"--urls=http://127.0.0.1:{port}",
                "--environment=Production",
                $"--FunctionKeys:Master={MasterKey}",
                $"--Ingestion:MaxDocumentBytes={MaxDocumentBytes}",
                $"--LinkReports:MaxDocumentBytes={MaxDocumentBytes}",
                $"--LinkReports:MaxPageBytes={MaxPageBytes}",
                // The tests' own loopback web server stands in for remote notice sources.
                "--OutboundHttp:AllowedPrivateNetworks:0=127.0.0.0/8",
                "--AzureFunctionsJobHost:extensions:queues:maxPollingInterval=00:00:00.500",
                "--AzureFunctionsJobHost:extensions:queues:maxDequeueCount=2",
                "--AzureFunctionsJobHost:extensions:queues:visibilityTimeout=00:00:00.100",
                "--Logging:LogLevel:Default=Warning",
                .. settings ?? [],
            ],
            typeof(Serverless.Functions.Tenders.IngestTender).Assembly);
        builder.Configuration.AddLinkDefaults();
        builder.Services.AddTenderApp();
        decorate?.Invoke(builder.Services);
        var app = builder.Build();
        await app.StartAsync();
        return new FunctionAppHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(RealServices.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
