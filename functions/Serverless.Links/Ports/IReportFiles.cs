namespace Serverless.Links.Ports;

/// <summary>Object storage for report sources and finished report files. Implemented by the S3 adapter.</summary>
public interface IReportFiles
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; <paramref name="size"/> is -1 when unknown.</summary>
    Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the object; no error when it is already gone.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
