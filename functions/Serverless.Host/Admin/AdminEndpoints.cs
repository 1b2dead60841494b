using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Host.Discovery;
using Serverless.Host.Http;
using Serverless.Host.Invocation;
using Serverless.Host.Queues;

namespace Serverless.Host.Admin;

/// <summary>
/// The Functions host's admin routes this host offers: <c>/admin/host/ping</c> (anonymous health),
/// <c>/admin/host/status</c> (master key) and <c>POST /admin/queues/{queue}/messages</c> (master key: any
/// producer can enqueue over HTTP).
/// </summary>
internal static class AdminEndpoints
{
    private static readonly string HostVersion = typeof(AdminEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public static void Map(IEndpointRouteBuilder routes, IReadOnlyList<HostFunction> functions)
    {
        routes.MapMethods("/admin/host/ping", ["GET", "POST"], (InvocationLifetime lifetime) =>
            lifetime.Draining ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok());

        routes.MapGet("/admin/host/status", async (HttpContext http, HttpAuthorizer authorizer, FunctionDispatcher dispatcher, InvocationLifetime lifetime) =>
        {
            if (authorizer.Authorize(http, AuthorizationLevel.Admin, null) is null)
            {
                await Problems.WriteAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", "Admin routes need the master key (x-functions-key header).");
                return;
            }

            await http.Response.WriteAsJsonAsync(new
            {
                id = Environment.MachineName,
                state = lifetime.Draining ? "Draining" : "Running",
                version = HostVersion,
                processUptime = (long)(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds,
                inFlightInvocations = dispatcher.InFlight,
                functions = functions.Select(f => new { name = f.Name, trigger = f.TriggerType, route = f.Http?.Route, queue = f.Queue?.QueueName, schedule = f.Timer?.Schedule }),
            });
        });

        routes.MapPost("/admin/queues/{queue}/messages", async (HttpContext http, string queue, HttpAuthorizer authorizer, IServiceProvider services) =>
        {
            if (authorizer.Authorize(http, AuthorizationLevel.Admin, null) is null)
            {
                await Problems.WriteAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", "Admin routes need the master key (x-functions-key header).");
                return;
            }

            if (!QueueNames.IsValid(queue))
            {
                await Problems.WriteAsync(http, StatusCodes.Status400BadRequest, "Bad queue name",
                    "A queue name has 3-63 lower-case letters, digits and single hyphens, and starts and ends with a letter or digit.");
                return;
            }

            if (services.GetService<IQueueStore>() is not { } store)
            {
                await Problems.WriteAsync(http, StatusCodes.Status404NotFound, "No queue store", HostMessages.NoQueueStore);
                return;
            }

            // Queue messages are small by nature (Azure: 64 KB); refuse anything much larger rather than buffer it.
            const int limit = 1024 * 1024;
            if (http.Request.ContentLength > limit)
            {
                await Problems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Message too large", $"A message body must be at most {limit} bytes.");
                return;
            }

            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            if (body.Length == 0)
            {
                await Problems.WriteAsync(http, StatusCodes.Status400BadRequest, "Empty message", "Send the message as the request body.");
                return;
            }

            var message = await store.EnqueueAsync(queue, body.ToArray(), TimeSpan.Zero, http.RequestAborted);
            http.Response.StatusCode = StatusCodes.Status201Created;
            await http.Response.WriteAsJsonAsync(new { id = message.Id, queue = message.Queue, insertionTime = message.InsertionTime });
        });
    }
}
