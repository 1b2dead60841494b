namespace Serverless.Tenders.Ingestion;

/// <summary>Limits of tender ingestion (configuration section <see cref="Section"/>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Largest notice file accepted; larger ones are refused before anything is stored.</summary>
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    public const long DefaultMaxDocumentBytes = 50L * 1024 * 1024;

    /// <summary>
    /// Folder for the short-lived spool file of documents larger than 1 MiB (smaller ones are spooled in memory); default:
    /// the system temp folder.
    /// </summary>
    public string? SpoolDirectory { get; set; }
}
