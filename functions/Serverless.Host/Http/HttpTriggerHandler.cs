using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;
using Serverless.Host.Discovery;
using Serverless.Host.Invocation;
using Serverless.Host.Queues;

namespace Serverless.Host.Http;

/// <summary>
/// Turns a Kestrel request into an invocation of an HTTP-triggered function and its outcome into the
/// response: the function's HttpResponseData, or a problem+json 401/413/429/500 written by the host.
/// </summary>
internal sealed class HttpTriggerHandler(
    FunctionDispatcher dispatcher,
    HttpAuthorizer authorizer,
    RequestThrottle throttle,
    QueueOutputWriter queueOutputs,
    InvocationLifetime lifetime,
    IOptions<HostJsonOptions> options,
    ILogger<HttpTriggerHandler> logger)
{
    private readonly HttpOptions _http = options.Value.Http;

    public async Task HandleAsync(HostFunction function, HttpContext http)
    {
        var identity = authorizer.Authorize(http, function.Http!.AuthLevel, function.Name);
        if (identity is null)
        {
            await Problems.WriteAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized",
                $"This function needs a key: send it as the '{HttpAuthorizer.KeyHeader}' header or the '{HttpAuthorizer.KeyQuery}' query value.");
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = _http.MaxRequestBodySize;
        }

        if (http.Request.ContentLength > _http.MaxRequestBodySize)
        {
            await Problems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body is larger than the limit of {_http.MaxRequestBodySize} bytes.");
            return;
        }

        using var lease = throttle.TryEnter();
        if (lease is null)
        {
            http.Response.Headers.RetryAfter = "1";
            await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", "The host is at its request limit; retry shortly.");
            return;
        }

        await lease.WaitAsync(http.RequestAborted);
        if (http.Features.Get<IHttpBodyControlFeature>() is { } bodyControl)
        {
            // HttpResponseData.WriteString and friends are synchronous in the worker API.
            bodyControl.AllowSynchronousIO = true;
        }

        foreach (var (name, value) in _http.CustomHeaders)
        {
            http.Response.Headers[name] = value;
        }

        HostHttpRequestData? request = null;
        var outcome = await dispatcher.InvokeAsync(
            function,
            new HttpTriggerMetadata(http),
            context => new SingleInput(function.TriggerParameter, request = new HostHttpRequestData(context, http, [identity])),
            async (result, token) =>
            {
                if (result.Status == InvocationStatus.Succeeded)
                {
                    await queueOutputs.WriteAsync(function, result, token);
                    await WriteResponseAsync(function, result, request, http, token);
                }
            },
            http.RequestAborted,
            lifetime.InvocationsCancelled);

        await WriteFailureAsync(outcome, http);
    }

    private static async Task WriteResponseAsync(HostFunction function, InvocationOutcome outcome, HostHttpRequestData? request, HttpContext http, CancellationToken token)
    {
        var response = ReturnedResponse(function, outcome) ?? request?.CreatedResponse;
        switch (response)
        {
            case HostHttpResponseData ours:
                await ours.CompleteAsync(token);
                break;
            case null:
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                // A response type of the function's own making: copy it out.
                http.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers)
                {
                    http.Response.Headers[header.Key] = header.Value.ToArray();
                }

                await response.Body.CopyToAsync(http.Response.Body, token);
                break;
        }
    }

    private async Task WriteFailureAsync(InvocationOutcome outcome, HttpContext http)
    {
        if (outcome.Status == InvocationStatus.Succeeded || http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (http.Response.HasStarted)
        {
            // The status line is gone already; abort so the client sees a broken response, not a complete one.
            logger.LogWarning("Aborting response of invocation {InvocationId}: the function failed after it started writing", outcome.InvocationId);
            http.Abort();
            return;
        }

        var extensions = new Dictionary<string, object?> { ["invocationId"] = outcome.InvocationId };
        switch (outcome.Error)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                await Problems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body is larger than the limit of {_http.MaxRequestBodySize} bytes.", extensions);
                break;
            case BadHttpRequestException bad:
                await Problems.WriteAsync(http, bad.StatusCode, "Bad request", bad.Message, extensions);
                break;
            case TimeoutException:
                await Problems.WriteAsync(http, StatusCodes.Status500InternalServerError, "Function timed out", outcome.Error.Message, extensions);
                break;
            default:
                await Problems.WriteAsync(http, StatusCodes.Status500InternalServerError, "Function failed", "The function failed; the host log has the details under this invocation id.", extensions);
                break;
        }
    }

    /// <summary>The first HTTP output binding holding a response (a loop: this runs for every request).</summary>
    private static HttpResponseData? ReturnedResponse(HostFunction function, InvocationOutcome outcome)
    {
        for (var i = 0; i < function.Outputs.Count; i++)
        {
            var output = function.Outputs[i];
            if (output.Type == BindingTypes.Http && outcome.Output(output.Name) is HttpResponseData response)
            {
                return response;
            }
        }

        return null;
    }
}
