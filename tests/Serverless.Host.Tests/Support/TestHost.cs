using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Host.Queues;

namespace Serverless.Host.Tests.Support;

/// <summary>The real host, in-process, on a free loopback port, running only the given function classes.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, Uri address, InMemoryQueueStore queue)
    {
        _app = app;
        Address = address;
        Queue = queue;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public InMemoryQueueStore Queue { get; }

    public IServiceProvider Services => _app.Services;

    public const string MasterKey = "test-master-key-0123456789";
    public const string HostKey = "test-host-key-abcdef";
    public const string FunctionKey = "test-function-key-for-keyed";

    public static async Task<TestHost> StartAsync(
        Type[] functionClasses,
        Action<ServerlessApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null,
        InMemoryQueueStore? queue = null)
    {
        var port = FreePort();
        var args = new List<string>
        {
            $"--urls=http://127.0.0.1:{port}",
            "--environment=Production",
            $"--FunctionKeys:Master={MasterKey}",
            $"--FunctionKeys:Host:default={HostKey}",
            $"--FunctionKeys:Functions:Keyed:default={FunctionKey}",
            "--AzureFunctionsJobHost:extensions:queues:maxPollingInterval=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args.Add($"--{key}={value}");
        }

        var builder = ServerlessApplication.CreateBuilder([.. args], functionClasses);
        queue ??= new InMemoryQueueStore();
        builder.Services.AddSingleton<IQueueStore>(queue);
        configure?.Invoke(builder);
        var app = builder.Build();
        await app.StartAsync();
        return new TestHost(app, new Uri($"http://127.0.0.1:{port}"), queue);
    }

    public Task StopAsync() => _app.StopAsync();

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

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="within"/> (a hang guard, not a timing assertion).</summary>
    public static async Task Eventually(Func<bool> condition, TimeSpan? within = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Condition not met in time" + (because is null ? string.Empty : ": " + because));
            }

            await Task.Delay(20);
        }
    }
}
