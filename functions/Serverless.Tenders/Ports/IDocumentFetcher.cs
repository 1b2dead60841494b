namespace Serverless.Tenders.Ports;

/// <summary>
/// Fetches a document named by a user-supplied URL, with size and time limits and the private-address guard.
/// Implemented by the outbound HTTP adapter.
/// </summary>
public interface IDocumentFetcher
{
    /// <summary>The open document, or a refusal with its reason; never throws for a refused or failing URL.</summary>
    Task<FetchedDocument> FetchAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>An open document (dispose it) or the reason there is none.</summary>
public sealed class FetchedDocument : IAsyncDisposable
{
    private FetchedDocument(Stream? content, string? fileName, string? problem) => (Content, FileName, Problem) = (content, fileName, problem);

    /// <summary>The body, streamed; null when refused.</summary>
    public Stream? Content { get; }

    public string? FileName { get; }

    /// <summary>Why the document could not be fetched; null on success.</summary>
    public string? Problem { get; }

    public static FetchedDocument Open(Stream content, string? fileName) => new(content, fileName, null);

    public static FetchedDocument Refused(string problem) => new(null, null, problem);

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}
