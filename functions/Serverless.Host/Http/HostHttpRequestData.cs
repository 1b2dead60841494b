using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Serverless.Host.Http;

/// <summary>
/// The worker's <see cref="HttpRequestData"/> over a Kestrel request. The body is Kestrel's own stream:
/// nothing is buffered, a function reads as much as it needs. URL, headers and cookies are copied into the worker's
/// types on first use only: most functions never ask, and the copies were a visible part of a trivial request's cost.
/// </summary>
internal sealed class HostHttpRequestData : HttpRequestData
{
    private readonly HttpContext _http;
    private HttpHeadersCollection? _headers;
    private IReadOnlyCollection<IHttpCookie>? _cookies;
    private Uri? _url;

    public HostHttpRequestData(FunctionContext functionContext, HttpContext http, IReadOnlyList<ClaimsIdentity> identities)
        : base(functionContext)
    {
        _http = http;
        Identities = identities;
    }

    public override Stream Body => _http.Request.Body;

    public override HttpHeadersCollection Headers => _headers ??= new HttpHeadersCollection(
        _http.Request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? string.Empty))));

    public override IReadOnlyCollection<IHttpCookie> Cookies => _cookies ??= _http.Request.Cookies.Select(c => (IHttpCookie)new HttpCookie(c.Key, c.Value)).ToList();

    public override Uri Url => _url ??= new Uri(_http.Request.GetEncodedUrl());

    public override IEnumerable<ClaimsIdentity> Identities { get; }

    public override string Method => _http.Request.Method;

    /// <summary>The response this request created last; the host writes it when the function does not return one.</summary>
    public HostHttpResponseData? CreatedResponse { get; private set; }

    public override HttpResponseData CreateResponse() => CreatedResponse = new HostHttpResponseData(FunctionContext, _http);
}
