using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serverless.Benchmarks.Links;

namespace Serverless.Benchmarks.Servers;

/// <summary>
/// The loopback web of the link-check figures (<see cref="LinkSite"/>): one Kestrel server listening on the same port
/// of 127.0.0.1 to 127.0.0.HOSTS, answering each link by its fate after its latency. A child process of its own, so
/// that neither checker shares a thread pool or a heap with it. Arguments: <c>--urls=http://127.0.0.1:PORT --hosts=H
/// --latency=true|false</c> (the port of <c>--urls</c>, given by <see cref="ServerProcess"/>, is used on every address).
/// </summary>
internal static class LinkWebServer
{
    private const string ChallengePage =
        "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var site = new LinkSite(
            new Uri(builder.Configuration["urls"] ?? throw new ArgumentException("--urls=http://127.0.0.1:PORT is missing.")).Port,
            int.Parse(builder.Configuration["hosts"] ?? throw new ArgumentException("--hosts=H is missing."), CultureInfo.InvariantCulture),
            builder.Configuration.GetValue("latency", true));
        if (site.Hosts is < 3 or > LinkSite.MaxHosts)
        {
            throw new ArgumentException($"--hosts must be 3 to {LinkSite.MaxHosts}: the last two are the bot wall and the rate limiter.");
        }

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            for (var host = 1; host <= site.Hosts; host++)
            {
                kestrel.Listen(LinkSite.HostAddress(host), site.Port);
            }
        });
        var app = builder.Build();
        app.Run(context => AnswerAsync(site, context));
        ParentWatch.StopWhenInputCloses(app.Lifetime);
        await app.RunAsync();
    }

    private static async Task AnswerAsync(LinkSite site, HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        if (path == LinkSite.PingPath)
        {
            return;
        }

        if (path == LinkSite.IndexPath && int.TryParse(request.Query["links"], NumberStyles.None, CultureInfo.InvariantCulture, out var links))
        {
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(site.IndexPage(links), context.RequestAborted);
            return;
        }

        var index = LinkSite.IndexOf(path, out var moved);
        if (index < 0)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        try
        {
            await Task.Delay(site.LatencyOf(index), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up
        }

        var head = HttpMethods.IsHead(request.Method);
        switch (moved ? LinkFate.Ok : site.FateOf(index))
        {
            case LinkFate.NotFound:
                await PageAsync(context, StatusCodes.Status404NotFound, "Not found");
                break;
            case LinkFate.Gone:
                await PageAsync(context, StatusCodes.Status410Gone, "Gone");
                break;
            case LinkFate.MovedPermanently:
                Redirect(context, StatusCodes.Status301MovedPermanently);
                break;
            case LinkFate.Found:
                Redirect(context, StatusCodes.Status302Found);
                break;
            case LinkFate.ServerError:
                await PageAsync(context, StatusCodes.Status500InternalServerError, "Server error");
                break;
            case LinkFate.HeadNotAllowed when head:
                response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                response.Headers.Allow = "GET";
                break;
            case LinkFate.HeadLies when head:
                response.StatusCode = StatusCodes.Status404NotFound;
                break;
            case LinkFate.Challenge:
                response.StatusCode = StatusCodes.Status403Forbidden;
                response.Headers["cf-mitigated"] = "challenge";
                response.Headers.Server = "cloudflare";
                response.ContentType = "text/html; charset=utf-8";
                if (!head)
                {
                    await response.WriteAsync(ChallengePage, context.RequestAborted);
                }

                break;
            case LinkFate.RateLimited:
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "3600";
                break;
            default:
                await PageAsync(context, StatusCodes.Status200OK, "A page");
                break;
        }
    }

    private static Task PageAsync(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : context.Response.WriteAsync($"<!DOCTYPE html><html><head><title>{title}</title></head><body>{title}.</body></html>", context.RequestAborted);
    }

    private static void Redirect(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = LinkSite.MovedPrefix + context.Request.Path.Value;
    }
}
