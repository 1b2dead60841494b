using System.Collections.Concurrent;
using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Serverless.Host.Tests.Support;

/// <summary>A service the functions get through their constructor (one DI scope per invocation).</summary>
public sealed class Greeting
{
    public Guid Scope { get; } = Guid.NewGuid();

    public string Greet(string name) => $"Hello, {name}!";
}

/// <summary>What the test functions saw, for assertions.</summary>
public sealed class Recorder
{
    public ConcurrentQueue<string> Events { get; } = new();
}

public sealed record Order(string Sku, int Quantity);

public sealed class HttpFunctions(Greeting greeting)
{
    [Function("Hello")]
    public async Task<HttpResponseData> Hello([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hello/{name:alpha}")] HttpRequestData req, string name)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteStringAsync(greeting.Greet(name));
        return response;
    }

    [Function("Item")]
    public async Task<HttpResponseData> Item([HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = "items/{id:int}")] HttpRequestData req, FunctionContext context)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteStringAsync($"{req.Method} item {context.BindingContext.BindingData["id"]} q={req.Query["q"]}");
        return response;
    }

    [Function("Keyed")]
    public HttpResponseData Keyed([HttpTrigger(AuthorizationLevel.Function, "get", Route = "keyed")] HttpRequestData req)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        response.WriteString("keyed ok");
        return response;
    }

    [Function("AdminOnly")]
    public HttpResponseData AdminOnly([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "secure/admin")] HttpRequestData req) =>
        req.CreateResponse(HttpStatusCode.NoContent);

    [Function("Echo")]
    public async Task<HttpResponseData> Echo([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "echo")] HttpRequestData req)
    {
        var total = 0L;
        var buffer = new byte[81920];
        int read;
        while ((read = await req.Body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(new { length = total, contentType = req.Headers.TryGetValues("Content-Type", out var v) ? v.First() : null });
        return response;
    }

    [Function("Big")]
    public async Task<HttpResponseData> Big([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "big")] HttpRequestData req)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        // Written in small pieces, so the body first fills the host's buffer and then streams.
        var buffer = new byte[7_000];
        int read;
        while ((read = await req.Body.ReadAsync(buffer)) > 0)
        {
            await response.Body.WriteAsync(buffer.AsMemory(0, read));
        }

        return response;
    }

    [Function("Boom")]
    public HttpResponseData Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequestData req) =>
        throw new InvalidOperationException("secret internal detail");

    [Function("Scope")]
    public async Task<HttpResponseData> Scope([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scope")] HttpRequestData req, FunctionContext context)
    {
        var response = req.CreateResponse(HttpStatusCode.OK);
        var fromContext = (Greeting)context.InstanceServices.GetService(typeof(Greeting))!;
        await response.WriteStringAsync($"{greeting.Scope}|{fromContext.Scope}");
        return response;
    }

    [Function("Slow")]
    public async Task<HttpResponseData> Slow([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{ms:int}")] HttpRequestData req, int ms, CancellationToken cancellationToken)
    {
        await Task.Delay(ms, cancellationToken);
        var response = req.CreateResponse(HttpStatusCode.OK);
        await response.WriteStringAsync("done", cancellationToken);
        return response;
    }
}

public sealed class OrderOutput
{
    [QueueOutput("orders")]
    public Order[]? Orders { get; set; }

    public HttpResponseData? Response { get; set; }
}

public sealed class OutputFunctions
{
    [Function("PlaceOrders")]
    public async Task<OrderOutput> PlaceOrders([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequestData req)
    {
        var orders = await req.ReadFromJsonAsync<Order[]>();
        var response = req.CreateResponse(HttpStatusCode.Accepted);
        await response.WriteStringAsync($"{orders!.Length} queued");
        return new OrderOutput { Orders = orders, Response = response };
    }

    [Function("Forward")]
    [QueueOutput("forwarded")]
    public string Forward([QueueTrigger("inbox")] string message) => message.ToUpperInvariant();
}

public sealed class QueueFunctions(Recorder recorder)
{
    [Function("ProcessOrder")]
    public void ProcessOrder([QueueTrigger("orders")] Order order, long dequeueCount, FunctionContext context)
    {
        recorder.Events.Enqueue($"{order.Sku}x{order.Quantity} attempt {dequeueCount} id {context.BindingContext.BindingData["Id"]}");
    }

    [Function("Flaky")]
    public void Flaky([QueueTrigger("flaky")] string body, long dequeueCount)
    {
        recorder.Events.Enqueue($"{body} attempt {dequeueCount}");
        if (body.StartsWith("fail", StringComparison.Ordinal) || (body == "once" && dequeueCount == 1))
        {
            throw new InvalidOperationException($"cannot process {body}");
        }
    }

    [Function("LongRunning")]
    public async Task LongRunning([QueueTrigger("long")] string body, CancellationToken cancellationToken)
    {
        recorder.Events.Enqueue("started " + body);
        await Task.Delay(TimeSpan.FromMilliseconds(int.Parse(body)), cancellationToken);
        recorder.Events.Enqueue("finished " + body);
    }
}

/// <summary>Middleware using the context extension methods, as isolated-worker apps do.</summary>
public sealed class StampMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var request = await context.GetHttpRequestDataAsync();
        var tag = request?.Headers.TryGetValues("x-tag", out var values) == true ? values.First() : "none";
        await next(context);
        var response = context.GetHttpResponseData();
        response?.Headers.Add("x-stamp", $"{context.FunctionDefinition.Name}:{tag}");
    }
}
