using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.Functions.Tests.Cli;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port (Kestrel), standing in for the host: it records
/// every request, body bytes included, and answers what the test chooses. Real sockets, so the
/// CLI's streaming, headers and status handling are exercised as they are against the host.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private LoopbackHost(Func<ReceivedRequest, CannedResponse> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            var request = new ReceivedRequest(
                http.Request.Method,
                http.Request.Path.Value ?? "",
                http.Request.Query["filename"].FirstOrDefault(),
                http.Request.Headers["x-functions-key"].FirstOrDefault(),
                http.Request.ContentType,
                http.Request.ContentLength,
                body.ToArray());
            _received.Enqueue(request);

            var response = respond(request);
            http.Response.StatusCode = response.Status;
            http.Response.ContentType = response.ContentType;
            await http.Response.WriteAsync(response.Body, http.RequestAborted);
        });
    }

    /// <summary>The base URL to pass as <c>--url</c>.</summary>
    public string Url => _app.Urls.Single();

    public IReadOnlyCollection<ReceivedRequest> Received => _received.ToArray();

    public static async Task<LoopbackHost> StartAsync(Func<ReceivedRequest, CannedResponse> respond)
    {
        var host = new LoopbackHost(respond);
        await host._app.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
