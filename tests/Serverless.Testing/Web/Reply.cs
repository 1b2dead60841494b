using Microsoft.AspNetCore.Http;

namespace Serverless.Testing.Web;

/// <summary>
/// How <see cref="LoopbackWeb"/> answers a request: a status, a redirect, a bot wall, a slow or broken connection, and
/// combinations (<see cref="OnHead"/>, <see cref="After"/>, <see cref="WithHeader"/>, <see cref="UnlessCookie"/>,
/// <see cref="Sequence"/>).
/// </summary>
public sealed class Reply
{
    /// <summary>The start of Cloudflare's managed challenge page, enough to recognise it.</summary>
    public const string ChallengePage =
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head>"
        + "<body><noscript>Enable JavaScript and cookies to continue</noscript><script>(function(){window._cf_chl_opt={cType:'managed'};}());</script></body></html>";

    private readonly Func<HttpContext, Task> _run;

    private Reply(Func<HttpContext, Task> run) => _run = run;

    internal Task RunAsync(HttpContext context) => _run(context);

    /// <summary>A status with an HTML body (none for HEAD).</summary>
    public static Reply Status(int code, string? body = null, string contentType = "text/html; charset=utf-8") => new(async context =>
    {
        context.Response.StatusCode = code;
        if (body is not null)
        {
            context.Response.ContentType = contentType;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        }
    });

    /// <summary>200 with a small page.</summary>
    public static Reply Ok(string body = "<!DOCTYPE html><html><head><title>A page</title></head><body>Here.</body></html>") => Status(200, body);

    /// <summary>A redirect; <paramref name="location"/> is sent as is, non-ASCII characters as raw UTF-8 bytes.</summary>
    public static Reply Redirect(int code, string location) => Status(code).WithHeader("Location", location);

    /// <summary>429 with a Retry-After header (seconds or an HTTP-date).</summary>
    public static Reply TooManyRequests(string retryAfter) => Status(429).WithHeader("Retry-After", retryAfter);

    /// <summary>Cloudflare's managed challenge: 403, <c>cf-mitigated: challenge</c> and the challenge page.</summary>
    public static Reply Challenge() => Status(403, ChallengePage).WithHeader("cf-mitigated", "challenge").WithHeader("Server", "cloudflare");

    /// <summary>Drops the connection without an answer.</summary>
    public static Reply Abort() => new(context =>
    {
        context.Abort();
        return Task.CompletedTask;
    });

    /// <summary>Each request gets the next reply; the last one repeats.</summary>
    public static Reply Sequence(params Reply[] replies)
    {
        var next = -1;
        return new(context => replies[Math.Min(Interlocked.Increment(ref next), replies.Length - 1)].RunAsync(context));
    }

    /// <summary>HEAD requests get <paramref name="head"/>, the others this reply.</summary>
    public Reply OnHead(Reply head) => new(context => HttpMethods.IsHead(context.Request.Method) ? head.RunAsync(context) : RunAsync(context));

    /// <summary>Waits <paramref name="delay"/> before sending anything (slow headers).</summary>
    public Reply After(TimeSpan delay) => new(async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up, which is what such a test waits for
        }

        await RunAsync(context);
    });

    /// <summary>Adds a response header.</summary>
    public Reply WithHeader(string name, string value) => new(context =>
    {
        context.Response.Headers.Append(name, value);
        return RunAsync(context);
    });

    /// <summary>Adds a Set-Cookie header, for example <c>session=1; Path=/</c>.</summary>
    public Reply WithCookie(string setCookie) => WithHeader("Set-Cookie", setCookie);

    /// <summary>Requests without the cookie <paramref name="name"/> get <paramref name="without"/>, the others this reply.</summary>
    public Reply UnlessCookie(string name, Reply without) =>
        new(context => context.Request.Cookies.ContainsKey(name) ? RunAsync(context) : without.RunAsync(context));
}
