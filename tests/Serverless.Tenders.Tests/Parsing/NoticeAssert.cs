using System.Globalization;
using Serverless.Tenders.Model;
using Serverless.Tenders.Parsing;

namespace Serverless.Tenders.Tests.Parsing;

/// <summary>Compares a parse result with the hand-checked expectation, field by field.</summary>
internal static class NoticeAssert
{
    public static void Matches(ExpectedNotice expected, ParseResult result)
    {
        Assert.True(result.Succeeded, "parse failed: " + string.Join("; ", result.Problems));
        Assert.Empty(result.Problems);
        var record = result.Record!;

        Assert.Equal(expected.Format, record.Format);
        Assert.Equal(expected.NoticeId, record.NoticeId);
        Assert.Equal(expected.NoticeVersion, record.NoticeVersion);
        Assert.Equal(expected.NoticeSubtype, record.NoticeSubtype);
        Assert.Equal(expected.PublicationId, record.PublicationId);
        Assert.Equal(expected.Language, record.Language);
        Assert.Equal(expected.Title, record.Title);
        if (expected.DescriptionStart is not null)
        {
            Assert.NotNull(record.Description);
            Assert.StartsWith(expected.DescriptionStart, record.Description);
        }

        Assert.Equal(new Party(expected.BuyerName, expected.BuyerCountry), record.Buyer);
        Assert.Equal(expected.MainCpv, record.MainCpv);
        Assert.Equal(expected.AdditionalCpv, record.AdditionalCpv);
        Assert.Equal(expected.ProcedureType, record.ProcedureType);
        Assert.Equal(Money(expected.EstimatedAmount, expected.EstimatedCurrency), record.EstimatedValue);
        Assert.Equal(expected.Deadline, Written(record.Deadline));

        Assert.Equal(expected.LotCount, record.Lots.Count);
        if (expected.FirstLot is not null)
        {
            LotMatches(expected.FirstLot, record.Lots[0]);
        }

        if (expected.LastLot is not null)
        {
            LotMatches(expected.LastLot, record.Lots[^1]);
        }

        Assert.Equal(expected.Links.Select(link => new NoticeLink(link.Url, link.Kind)), record.Links);

        // Ingestion's part of the record stays untouched by parsing.
        Assert.Equal(Guid.Empty, record.Id);
        Assert.Empty(record.Documents);
        Assert.Equal(default, record.IngestedAt);
    }

    private static void LotMatches(ExpectedLot expected, Lot lot)
    {
        Assert.Equal(expected.Id, lot.Id);
        Assert.Equal(expected.Title, lot.Title);
        Assert.Equal(expected.MainCpv, lot.MainCpv);
        Assert.Equal(Money(expected.EstimatedAmount, expected.EstimatedCurrency), lot.EstimatedValue);
        Assert.Equal(expected.Deadline, Written(lot.Deadline));
    }

    private static Money? Money(decimal? amount, string? currency) =>
        amount is null ? null : new Money(amount.Value, currency);

    /// <summary>The instant with its own offset: DateTimeOffset equality alone would ignore the offset.</summary>
    private static string? Written(DateTimeOffset? value) =>
        value?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
