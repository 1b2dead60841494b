using Serverless.Tenders.Model;

namespace Serverless.Tenders.Ingestion;

/// <summary>What became of one ingested file. Refusals are values, never exceptions.</summary>
public abstract record IngestOutcome
{
    /// <summary>A new record (and its original object) was stored.</summary>
    public sealed record Created(TenderRecord Record) : IngestOutcome;

    /// <summary>The same bytes were ingested before: nothing new stored, the existing record.</summary>
    public sealed record Duplicate(TenderRecord Record) : IngestOutcome;

    /// <summary>Refused; nothing stored.</summary>
    public sealed record Rejected(RejectionKind Kind, IReadOnlyList<string> Problems) : IngestOutcome;
}

/// <summary>Why a file was refused.</summary>
public enum RejectionKind
{
    /// <summary>No bytes.</summary>
    Empty,

    /// <summary>Over <see cref="IngestionOptions.MaxDocumentBytes"/>.</summary>
    TooLarge,

    /// <summary>Malformed, unsafe (DTD) or not a notice of a supported format.</summary>
    NotANotice,

    /// <summary>The source named (object key, URL) does not exist or cannot be read.</summary>
    SourceUnavailable,
}
