using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Web.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, with the misbehaving endpoints the fetcher must survive.
/// </summary>
public sealed class LoopbackServer : IAsyncLifetime
{
    public const string Hello = "hello";

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        app.MapGet("/ok", () => Results.Text(Hello, "text/plain; charset=utf-8"));
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/redirect", (HttpContext context, string to, int? status) =>
        {
            context.Response.StatusCode = status ?? StatusCodes.Status302Found;
            context.Response.Headers.Location = to;
        });
        app.MapGet("/loop", (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "/loop";
        });
        app.MapGet("/hops/{left:int}", (HttpContext context, int left) =>
        {
            if (left == 0)
            {
                return context.Response.WriteAsync("arrived");
            }

            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"/hops/{left - 1}";
            return Task.CompletedTask;
        });
        app.MapGet("/bytes/{count:long}", WriteBytes);
        app.MapGet("/slow-headers", async (HttpContext context) => await Hang(context));
        app.MapGet("/slow-body", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("start", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Hang(context);
        });
        app.MapGet("/user-agent", (HttpContext context) => context.Request.Headers.UserAgent.ToString());

        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> bytes of 'x' in 4 KiB pieces, each flushed; with <c>?chunked=true</c> no
    /// Content-Length is sent, so Kestrel uses chunked transfer encoding.
    /// </summary>
    private static async Task WriteBytes(HttpContext context, long count, bool? chunked)
    {
        context.Response.ContentType = "application/octet-stream";
        if (chunked != true)
        {
            context.Response.ContentLength = count;
        }

        var piece = new byte[4096];
        Array.Fill(piece, (byte)'x');
        try
        {
            for (var left = count; left > 0; left -= piece.Length)
            {
                await context.Response.Body.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, left)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped reading, as it should past its limit.
        }
    }

    private static async Task Hang(HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what the test waits for.
        }
    }
}
