using Serverless.Links.Ports;

namespace Serverless.Storage.S3;

/// <summary><see cref="IReportFiles"/> on the same bucket and client as the tender originals.</summary>
internal sealed class S3ReportFiles(S3ObjectStore store) : IReportFiles
{
    public Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken cancellationToken) =>
        store.PutAsync(key, content, size, contentType, cancellationToken);

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        store.OpenReadAsync(key, null, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => store.DeleteAsync(key, cancellationToken);
}
