namespace Serverless.Web.Tests.Support;

/// <summary>An HTTP handler that counts what reaches it and never touches a network.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private int _requests;

    public int Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
    }
}
