namespace Serverless.Tenders.Tests.Parsing;

/// <summary>
/// What a corpus notice must parse to, every value read by hand from the notice's XML.
/// Dates are written with the offset the notice gives (<c>yyyy-MM-ddTHH:mm:sszzz</c>).
/// </summary>
internal sealed record ExpectedNotice
{
    public required string Format { get; init; }
    public required string NoticeId { get; init; }
    public string? NoticeVersion { get; init; }
    public string? NoticeSubtype { get; init; }
    public string? PublicationId { get; init; }
    public required string Language { get; init; }
    public required string Title { get; init; }
    public string? DescriptionStart { get; init; }
    public required string BuyerName { get; init; }
    public required string BuyerCountry { get; init; }
    public required string MainCpv { get; init; }
    public string[] AdditionalCpv { get; init; } = [];
    public string? ProcedureType { get; init; }
    public decimal? EstimatedAmount { get; init; }
    public string? EstimatedCurrency { get; init; }
    public string? Deadline { get; init; }
    public required int LotCount { get; init; }
    public ExpectedLot? FirstLot { get; init; }
    public ExpectedLot? LastLot { get; init; }
    public (string Url, string Kind)[] Links { get; init; } = [];
}

/// <summary>A lot as read by hand from the notice.</summary>
internal sealed record ExpectedLot(
    string Id,
    string? Title,
    string? MainCpv = null,
    decimal? EstimatedAmount = null,
    string? EstimatedCurrency = null,
    string? Deadline = null);
