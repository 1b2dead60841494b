using System.Net.Http.Headers;
using System.Text;

namespace Serverless.Cli;

/// <summary>
/// The host's HTTP API as the CLI uses it. No retries here or anywhere in the CLI: ingestion is
/// idempotent (the host answers a re-sent file with 200 and the existing record), so the retry
/// layer is the person or pipeline running the command again.
/// </summary>
internal sealed class HostClient : IDisposable
{
    /// <summary>The header the Functions host reads keys from.</summary>
    public const string KeyHeader = "x-functions-key";

    // Notices are at most a few megabytes; a request still open after this long is stuck.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private const int FileBufferSize = 64 * 1024;

    private readonly HostConnection _connection;
    private readonly HttpClient _http;

    public HostClient(HostConnection connection)
    {
        _connection = connection;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            // A redirect would need the body sent again, and a moved API is a wrong --url: report it.
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = connection.BaseUrl,
            Timeout = RequestTimeout,
        };
    }

    public static TimeSpan Timeout => RequestTimeout;

    /// <summary>
    /// <c>POST api/tenders?filename=NAME</c> with the file streamed as the body: it is read from disk
    /// as it is sent, never held in memory.
    /// </summary>
    public async Task<HostResponse> SendNoticeAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(file, FileBufferSize);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");

        var route = $"api/tenders?filename={Uri.EscapeDataString(Path.GetFileName(path))}";
        return await SendAsync(route, content, cancellationToken);
    }

    /// <summary>
    /// <c>POST api/link-reports?filename=NAME[&amp;kind=K][&amp;base=URL]</c> with the document streamed from disk as the body.
    /// </summary>
    public async Task<HostResponse> SendLinkDocumentAsync(string path, string? kind, string? baseUrl, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(file, FileBufferSize);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var route = $"api/link-reports?filename={Uri.EscapeDataString(Path.GetFileName(path))}"
            + (kind is null ? "" : $"&kind={Uri.EscapeDataString(kind)}")
            + (baseUrl is null ? "" : $"&base={Uri.EscapeDataString(baseUrl)}");
        return await SendAsync(route, content, cancellationToken);
    }

    /// <summary><c>GET api/link-reports/{id}</c>: the report's state, progress and counts.</summary>
    public async Task<HostResponse> GetLinkReportAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/link-reports/{Uri.EscapeDataString(id)}");
        return await SendAsync(request, cancellationToken);
    }

    /// <summary><c>POST admin/queues/{queue}/messages</c> with the message as the body.</summary>
    public async Task<HostResponse> EnqueueAsync(string queue, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), "application/json");
        return await SendAsync($"admin/queues/{Uri.EscapeDataString(queue)}/messages", content, cancellationToken);
    }

    /// <summary>
    /// A network failure in one line: the outer message with the innermost cause ("Connection
    /// refused (127.0.0.1:7071)"), without the stack or a repeat.
    /// </summary>
    public static string Describe(HttpRequestException exception)
    {
        var cause = exception.GetBaseException().Message;
        return exception.Message.Contains(cause, StringComparison.Ordinal) ? exception.Message : $"{exception.Message} ({cause})";
    }

    public void Dispose() => _http.Dispose();

    private async Task<HostResponse> SendAsync(string route, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        return await SendAsync(request, cancellationToken);
    }

    private async Task<HostResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_connection.Key is { } key)
        {
            request.Headers.TryAddWithoutValidation(KeyHeader, key);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await HostResponse.ReadAsync(response, cancellationToken);
    }
}
