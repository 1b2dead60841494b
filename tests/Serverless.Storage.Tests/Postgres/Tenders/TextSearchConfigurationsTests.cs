using Serverless.Storage.Postgres.Tenders;

namespace Serverless.Storage.Tests.Postgres.Tenders;

public sealed class TextSearchConfigurationsTests
{
    [Theory]
    [InlineData("FRA", "french")]
    [InlineData("FR", "french")]
    [InlineData("fre", "french")]
    [InlineData("DEU", "german")]
    [InlineData("DE", "german")]
    [InlineData("ENG", "english")]
    [InlineData("EN", "english")]
    [InlineData("SPA", "spanish")]
    [InlineData("ITA", "italian")]
    [InlineData("POR", "portuguese")]
    [InlineData("NLD", "dutch")]
    [InlineData("DAN", "danish")]
    [InlineData("FIN", "finnish")]
    [InlineData("HUN", "hungarian")]
    [InlineData("NOR", "norwegian")]
    [InlineData("RON", "romanian")]
    [InlineData("RUS", "russian")]
    [InlineData("SWE", "swedish")]
    [InlineData("SV", "swedish")]
    [InlineData("TUR", "turkish")]
    [InlineData("ELL", "greek")]
    [InlineData("LIT", "lithuanian")]
    [InlineData("GLE", "irish")]
    [InlineData(" fra ", "french")]
    public void ForLanguage_KnownCode_ReturnsItsStemmer(string language, string expected)
    {
        Assert.Equal(expected, TextSearchConfigurations.ForLanguage(language));
    }

    [Theory]
    [InlineData("POL")] // no Polish stemmer in PostgreSQL
    [InlineData("CES")]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData(null)]
    public void ForLanguage_NoStemmer_ReturnsSimple(string? language)
    {
        Assert.Equal("simple", TextSearchConfigurations.ForLanguage(language));
    }
}
