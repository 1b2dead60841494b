using Serverless.Tenders.Model;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// The outcome of parsing one notice file: a record (without id, documents and ingestion time,
/// which ingestion adds) or the problems that made it unreadable. Bad input is data, not an exception.
/// </summary>
public sealed record ParseResult(TenderRecord? Record, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Record is not null;

    public static ParseResult Success(TenderRecord record) => new(record, []);

    public static ParseResult Failure(params string[] problems) => new(null, problems);
}
