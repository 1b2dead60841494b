using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Serverless.Host.Http;

/// <summary>
/// The worker's <see cref="HttpResponseData"/> over a Kestrel response. Status and headers are sent on the
/// first body write, then the body goes straight to the socket, so large downloads are streamed. A function
/// may also replace <see cref="Body"/> with its own stream; the host copies it out after the function returns.
/// </summary>
internal sealed class HostHttpResponseData : HttpResponseData
{
    private readonly HttpContext _http;
    private readonly ResponseBodyStream _passThrough;

    public HostHttpResponseData(FunctionContext functionContext, HttpContext http)
        : base(functionContext)
    {
        _http = http;
        _passThrough = new ResponseBodyStream(this, http.Response);
        Body = _passThrough;
        Cookies = new HostHttpCookies(http.Response);
    }

    public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    public override HttpHeadersCollection Headers { get; set; } = new();

    public override Stream Body { get; set; }

    public override HttpCookies Cookies { get; }

    /// <summary>True once status and headers have gone to the client.</summary>
    public bool Started => _http.Response.HasStarted;

    /// <summary>Copies status and headers to Kestrel's response (once, before the first body byte).</summary>
    /// <param name="completeLength">The whole body's length when it is known (the body fitted in the buffer).</param>
    public void StartIfNeeded(long? completeLength = null)
    {
        if (_http.Response.HasStarted)
        {
            return;
        }

        _http.Response.StatusCode = (int)StatusCode;
        foreach (var header in Headers)
        {
            _http.Response.Headers[header.Key] = header.Value.ToArray();
        }

        if (completeLength is { } length && ReferenceEquals(Body, _passThrough) && _http.Response.ContentLength is null)
        {
            _http.Response.ContentLength = length;
        }
    }

    /// <summary>Sends whatever the function left to send: headers, then a replaced body stream if any.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_passThrough.Buffering && ReferenceEquals(Body, _passThrough))
        {
            StartIfNeeded(_passThrough.BufferedLength);
        }

        await _passThrough.SendBufferedAsync(complete: true, cancellationToken).ConfigureAwait(false);
        StartIfNeeded();
        if (!ReferenceEquals(Body, _passThrough))
        {
            await using var body = Body;
            if (body.CanSeek)
            {
                body.Position = 0;
                _http.Response.ContentLength ??= body.Length;
            }

            await body.CopyToAsync(_http.Response.Body, cancellationToken).ConfigureAwait(false);
        }

        await _http.Response.CompleteAsync().ConfigureAwait(false);
    }
}
