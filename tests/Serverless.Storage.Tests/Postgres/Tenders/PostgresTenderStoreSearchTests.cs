using Serverless.Storage.Postgres.Tenders;
using Serverless.Tenders.Model;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Tests.Postgres.Tenders;

/// <summary>
/// Search over four hand-made records, each test in a fresh schema so that it sees exactly these four.
/// <code>
///        language  buyer                          country  main cpv   additional cpv        deadline (UTC)
/// lyon   FRA       Ville de Lyon                  FRA      45454000   45321000, 45421000    2025-05-10
/// berlin DEU       Bezirksamt Berlin-Mitte        DEU      45214200   —                     2025-06-15
/// dublin ENG       Dublin City Council            IRL      71000000   45454000              2025-07-20
/// paris  FR (TED)  Établissement public LYONNAIS  fra      30213000   —                     none
/// </code>
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTenderStoreSearchTests(PostgresFixture fixture) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly TenderRecord Lyon = Record("FRA", "Travaux de rénovation des bâtiments scolaires",
        "Isolation thermique et remplacement des menuiseries.", new Party("Ville de Lyon", "FRA"),
        "45454000", ["45321000", "45421000"], new DateTimeOffset(2025, 5, 10, 12, 0, 0, TimeSpan.Zero));

    private static readonly TenderRecord Berlin = Record("DEU", "Sanierung der Schulgebäude",
        "Energetische Sanierung von zwei Grundschulen.", new Party("Bezirksamt Berlin-Mitte", "DEU"),
        "45214200", [], new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero));

    private static readonly TenderRecord Dublin = Record("ENG", "Road maintenance services",
        "Maintenance of roads and bridges, including renovation of buildings.", new Party("Dublin City Council", "IRL"),
        "71000000", ["45454000"], new DateTimeOffset(2025, 7, 20, 9, 0, 0, TimeSpan.Zero));

    private static readonly TenderRecord Paris = Record("FR", "Fourniture d'ordinateurs portables",
        "Achat de 200 ordinateurs pour les écoles.", new Party("Établissement public LYONNAIS", "fra"),
        "30213000", [], null);

    private IsolatedSchema? _schema;
    private PostgresTenderStore? _store;

    private PostgresTenderStore Store => _store!;

    public async Task InitializeAsync()
    {
        _schema = await fixture.CreateIsolatedSchemaAsync();
        await MigrationsOn(_schema).RunAsync(None);
        _store = new PostgresTenderStore(_schema.DataSource);
        foreach (var record in new[] { Lyon, Berlin, Dublin, Paris })
        {
            await _store.InsertAsync(record, None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task SearchAsync_NoFilter_ReturnsAllByDeadlineWithoutDeadlineLast()
    {
        await AssertFinds(new TenderQuery(), Lyon, Berlin, Dublin, Paris);
    }

    [Fact]
    public async Task SearchAsync_CpvPrefix_MatchesMainAndAdditionalCodes()
    {
        // 4545 is Lyon's main code and one of Dublin's additional codes; 45321 only an additional code of Lyon.
        await AssertFinds(new TenderQuery { Cpv = "4545" }, Lyon, Dublin);
        await AssertFinds(new TenderQuery { Cpv = "45321" }, Lyon);
        await AssertFinds(new TenderQuery { Cpv = "45" }, Lyon, Berlin, Dublin);
        await AssertFinds(new TenderQuery { Cpv = "45454000" }, Lyon, Dublin);
    }

    [Fact]
    public async Task SearchAsync_CpvWithLikeWildcards_MatchesThemLiterally()
    {
        await AssertFinds(new TenderQuery { Cpv = "4_" });
        await AssertFinds(new TenderQuery { Cpv = "%" });
    }

    [Fact]
    public async Task SearchAsync_Buyer_MatchesCaseInsensitiveSubstring()
    {
        await AssertFinds(new TenderQuery { Buyer = "lyon" }, Lyon, Paris);
        await AssertFinds(new TenderQuery { Buyer = "BERLIN-M" }, Berlin);
        await AssertFinds(new TenderQuery { Buyer = "city" }, Dublin);
        await AssertFinds(new TenderQuery { Buyer = "50%" });
    }

    [Fact]
    public async Task SearchAsync_Country_MatchesExactlyIgnoringCase()
    {
        await AssertFinds(new TenderQuery { Country = "fra" }, Lyon, Paris);
        await AssertFinds(new TenderQuery { Country = "IRL" }, Dublin);
        await AssertFinds(new TenderQuery { Country = "FR" });
    }

    [Fact]
    public async Task SearchAsync_DeadlineRange_IsInclusiveAtBothEnds()
    {
        await AssertFinds(new TenderQuery { DeadlineFrom = Berlin.Deadline }, Berlin, Dublin);
        await AssertFinds(new TenderQuery { DeadlineTo = Berlin.Deadline }, Lyon, Berlin);
        await AssertFinds(new TenderQuery { DeadlineFrom = Berlin.Deadline, DeadlineTo = Berlin.Deadline }, Berlin);
        // The same instant written with another offset.
        await AssertFinds(new TenderQuery { DeadlineFrom = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.FromHours(2)) }, Berlin, Dublin);
    }

    [Fact]
    public async Task SearchAsync_FrenchText_MatchesOtherFormsOfTheWords()
    {
        // Checked against PostgreSQL 15: to_tsvector('french', 'Travaux de rénovation des bâtiments') is
        // 'bât':5 'rénov':3 'traval':1, and websearch_to_tsquery('french', 'bâtiment rénové') is 'bât' & 'rénov'.
        await AssertFinds(new TenderQuery { Text = "bâtiment rénové" }, Lyon);
    }

    [Fact]
    public async Task SearchAsync_GermanText_MatchesInflectedForm()
    {
        // german: 'Schulgebäude' and 'Schulgebäuden' both stem to 'schulgebaud'.
        await AssertFinds(new TenderQuery { Text = "Schulgebäuden" }, Berlin);
    }

    [Fact]
    public async Task SearchAsync_TedTwoLetterLanguage_UsesTheSameStemmer()
    {
        // Paris is "FR" (legacy TED): french stems 'ordinateurs' and 'ordinateur' alike.
        await AssertFinds(new TenderQuery { Text = "ordinateur" }, Paris);
    }

    [Fact]
    public async Task SearchAsync_WordsOfAnotherLanguage_MatchOnlyAsWritten()
    {
        // Query words go through each record's own stemmer, so a word written alike in both languages is found
        // ("isolation" in Lyon's French text) ...
        await AssertFinds(new TenderQuery { Text = "isolation" }, Lyon);
        // ... but English forms are not French forms: "buildings" is only in Dublin's English text, where the
        // english stemmer also matches "renovation" and "buildings" to "renovation of buildings".
        await AssertFinds(new TenderQuery { Text = "renovation buildings" }, Dublin);
    }

    [Fact]
    public async Task SearchAsync_StopWordOfTheRecordsLanguage_FindsTheWordAsWritten()
    {
        // "it" is an english stop word: websearch_to_tsquery('english', 'IT') is empty and matches nothing.
        // The 'simple' half of the vector keeps it, so a search for "IT" still finds IT tenders.
        var it = Record("ENG", "IT support services", "Helpdesk for schools.", new Party("Cork County Council", "IRL"),
            "72253000", [], new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await Store.InsertAsync(it, None);

        await AssertFinds(new TenderQuery { Text = "IT" }, it);
    }

    [Fact]
    public async Task SearchAsync_WebSearchSyntax_HonoursPhrasesAndExclusions()
    {
        await AssertFinds(new TenderQuery { Text = "\"road maintenance\"" }, Dublin);
        await AssertFinds(new TenderQuery { Text = "\"maintenance road\"" });
        await AssertFinds(new TenderQuery { Text = "sanierung -grundschulen" });
    }

    [Fact]
    public async Task SearchAsync_Text_RanksTitleMatchesFirst()
    {
        // "maintenance" is in Dublin's title; a record with it only in the description ranks lower.
        var other = Record("ENG", "Cleaning services", "Cleaning and maintenance of offices.", new Party("Cork County Council", "IRL"),
            "90910000", [], new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await Store.InsertAsync(other, None);

        await AssertFinds(new TenderQuery { Text = "maintenance" }, Dublin, other);
    }

    [Fact]
    public async Task SearchAsync_FiltersCombined_AllMustMatch()
    {
        await AssertFinds(new TenderQuery { Cpv = "4545", Country = "FRA" }, Lyon);
        await AssertFinds(new TenderQuery { Cpv = "4545", Buyer = "dublin", DeadlineFrom = Berlin.Deadline }, Dublin);
        await AssertFinds(new TenderQuery { Buyer = "lyon", Text = "ordinateurs" }, Paris);
        await AssertFinds(new TenderQuery { Country = "DEU", Text = "bâtiment" });
        await AssertFinds(new TenderQuery { Cpv = "45", DeadlineTo = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), Text = "rénovation" }, Lyon);
    }

    [Fact]
    public async Task SearchAsync_Pages_SplitTheOrderedResultsAndCountThemAll()
    {
        var first = await Store.SearchAsync(new TenderQuery { PageSize = 3, Page = 1 }, None);
        var second = await Store.SearchAsync(new TenderQuery { PageSize = 3, Page = 2 }, None);
        var beyond = await Store.SearchAsync(new TenderQuery { PageSize = 3, Page = 3 }, None);

        Assert.Equal([Lyon.Id, Berlin.Id, Dublin.Id], first.Items.Select(r => r.Id));
        Assert.Equal((1, 3, 4L), (first.Page, first.PageSize, first.Total));
        Assert.Equal([Paris.Id], second.Items.Select(r => r.Id));
        Assert.Equal((2, 3, 4L), (second.Page, second.PageSize, second.Total));
        Assert.Empty(beyond.Items);
        Assert.Equal(4L, beyond.Total);
    }

    [Fact]
    public async Task SearchAsync_Results_AreWholeRecords()
    {
        var page = await Store.SearchAsync(new TenderQuery { Country = "IRL" }, None);

        var found = Assert.Single(page.Items);
        Assert.Equal(Dublin.Title, found.Title);
        Assert.Equal(Dublin.Buyer, found.Buyer);
        Assert.Equal(Dublin.AdditionalCpv, found.AdditionalCpv);
        Assert.Equal(Dublin.Documents, found.Documents);
    }

    private async Task AssertFinds(TenderQuery query, params TenderRecord[] expected)
    {
        var page = await Store.SearchAsync(query, None);
        Assert.Equal(expected.Select(r => r.Id), page.Items.Select(r => r.Id));
        Assert.Equal(expected.Length, page.Total);
    }

    private static Serverless.Storage.Postgres.Migrations.MigrationRunner MigrationsOn(IsolatedSchema schema) =>
        new(schema.DataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Serverless.Storage.Postgres.Migrations.MigrationRunner>.Instance);

    private static TenderRecord Record(string language, string title, string description, Party buyer, string mainCpv,
        string[] additionalCpv, DateTimeOffset? deadline) =>
        TenderRecords.Minimal() with
        {
            Language = language,
            Title = title,
            Description = description,
            Buyer = buyer,
            MainCpv = mainCpv,
            AdditionalCpv = additionalCpv,
            Deadline = deadline,
        };
}
