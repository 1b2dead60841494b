namespace Serverless.Tenders.Model;

/// <summary>
/// The normalised tender record: one per ingested notice file, whatever its source format.
/// JSON names are fixed by the API (camelCase); see README "Tender record".
/// </summary>
public sealed record TenderRecord
{
    /// <summary>Our id (UUID), assigned at ingestion.</summary>
    public Guid Id { get; init; }
    /// <summary><c>eforms</c> or <c>ted</c>.</summary>
    public required string Format { get; init; }
    /// <summary>eForms BT-701 notice UUID; TED: the OJ S number such as <c>2019/S 110-270492</c>.</summary>
    public required string NoticeId { get; init; }
    public string? NoticeVersion { get; init; }
    public string? NoticeSubtype { get; init; }
    /// <summary>OJ S notice id when present.</summary>
    public string? PublicationId { get; init; }
    /// <summary>The notice's own language, as the notice writes it (eForms BT-702, e.g. <c>FRA</c>; TED e.g. <c>FR</c>).</summary>
    public string? Language { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public Party? Buyer { get; init; }
    public string? MainCpv { get; init; }
    public IReadOnlyList<string> AdditionalCpv { get; init; } = [];
    public Money? EstimatedValue { get; init; }
    public string? ProcedureType { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public IReadOnlyList<Lot> Lots { get; init; } = [];
    public IReadOnlyList<NoticeLink> Links { get; init; } = [];
    public IReadOnlyList<StoredDocument> Documents { get; init; } = [];
    public DateTimeOffset IngestedAt { get; init; }
}

/// <summary>An organisation named by a notice.</summary>
public sealed record Party(string? Name, string? Country);

/// <summary>An amount with its ISO 4217 currency.</summary>
public sealed record Money(decimal Amount, string? Currency);

/// <summary>A lot of a procedure.</summary>
public sealed record Lot
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? MainCpv { get; init; }
    public Money? EstimatedValue { get; init; }
    public DateTimeOffset? Deadline { get; init; }
}

/// <summary>An outbound link the notice gives: <c>documents</c>, <c>submission</c> or <c>buyer</c>.</summary>
public sealed record NoticeLink(string Url, string Kind);

/// <summary>A stored original file.</summary>
public sealed record StoredDocument(string ObjectKey, string Sha256, long Size, string ContentType, string? FileName);
