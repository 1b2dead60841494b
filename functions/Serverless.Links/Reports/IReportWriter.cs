namespace Serverless.Links.Reports;

/// <summary>Writes a finished report in one format, streaming: documents are read once, in order.</summary>
public interface IReportWriter
{
    /// <summary>The file extension and name stem, e.g. <c>json</c>.</summary>
    string Format { get; }

    /// <summary>The MIME type of what <see cref="WriteAsync"/> writes (with charset for text).</summary>
    string ContentType { get; }

    Task WriteAsync(ReportSummary summary, IAsyncEnumerable<ReportDocument> documents, Stream output, CancellationToken cancellationToken);
}
