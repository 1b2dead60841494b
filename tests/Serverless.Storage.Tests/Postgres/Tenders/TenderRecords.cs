using System.Security.Cryptography;
using Serverless.Tenders.Model;

namespace Serverless.Storage.Tests.Postgres.Tenders;

/// <summary>Hand-built records; every test varies what it looks at and gets a fresh id and SHA-256.</summary>
internal static class TenderRecords
{
    public static string NewSha256() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static TenderRecord Minimal(string? sha256 = null) => new()
    {
        Id = Guid.NewGuid(),
        Format = "eforms",
        NoticeId = Guid.NewGuid().ToString(),
        Documents = [Document(sha256 ?? NewSha256())],
        IngestedAt = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero),
    };

    public static StoredDocument Document(string sha256, string fileName = "notice.xml") =>
        new($"notices/{sha256}/{fileName}", sha256, 12_345, "application/xml", fileName);

    /// <summary>A record with every field set, several to values that JSON or PostgreSQL could easily distort.</summary>
    public static TenderRecord Full()
    {
        var sha256 = NewSha256();
        return new TenderRecord
        {
            Id = Guid.NewGuid(),
            Format = "eforms",
            NoticeId = "f3b2e6c4-1a2b-4c3d-9e8f-0123456789ab",
            NoticeVersion = "01",
            NoticeSubtype = "16",
            PublicationId = "00123456-2025",
            Language = "FRA",
            Title = "Travaux de rénovation des bâtiments scolaires",
            Description = "Rénovation énergétique de trois écoles « Jean Moulin » : isolation, menuiseries, chauffage.",
            Buyer = new Party("Ville de Lyon", "FRA"),
            MainCpv = "45454000",
            AdditionalCpv = ["45321000", "45421000"],
            EstimatedValue = new Money(1_234_567.89m, "EUR"),
            ProcedureType = "open",
            // Not UTC, and with sub-microsecond ticks: the record must come back as it went in.
            Deadline = new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
            Lots =
            [
                new Lot { Id = "LOT-0001", Title = "Isolation", MainCpv = "45321000", EstimatedValue = new Money(500_000m, "EUR"), Deadline = new DateTimeOffset(2025, 6, 30, 10, 0, 0, TimeSpan.Zero) },
                new Lot { Id = "LOT-0002" },
            ],
            Links = [new NoticeLink("https://marches.example.org/dce/123", "documents"), new NoticeLink("https://marches.example.org/depot/123", "submission")],
            Documents = [Document(sha256), new StoredDocument($"notices/{sha256}/annexe.pdf", NewSha256(), 98_765, "application/pdf", null)],
            IngestedAt = new DateTimeOffset(2025, 3, 1, 9, 30, 15, TimeSpan.Zero).AddTicks(7),
        };
    }
}
