using Npgsql;
using Serverless.Storage.Postgres;
using Serverless.Storage.Postgres.Tenders;
using Serverless.Tenders.Model;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Tests.Postgres.Tenders;

[Collection(PostgresCollection.Name)]
public sealed class PostgresTenderStoreTests(PostgresFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ITenderStore _store = fixture.Tenders;

    [Fact]
    public async Task InsertAsync_NewRecord_GetReturnsEveryField()
    {
        var record = TenderRecords.Full();

        var (inserted, created) = await _store.InsertAsync(record, None);
        var read = await _store.GetAsync(record.Id, None);

        Assert.True(created);
        Assert.Same(record.Documents, inserted.Documents);
        Assert.NotNull(read);
        Assert.Equal(record.Id, read.Id);
        Assert.Equal("eforms", read.Format);
        Assert.Equal("f3b2e6c4-1a2b-4c3d-9e8f-0123456789ab", read.NoticeId);
        Assert.Equal("01", read.NoticeVersion);
        Assert.Equal("16", read.NoticeSubtype);
        Assert.Equal("00123456-2025", read.PublicationId);
        Assert.Equal("FRA", read.Language);
        Assert.Equal("Travaux de rénovation des bâtiments scolaires", read.Title);
        Assert.Equal("Rénovation énergétique de trois écoles « Jean Moulin » : isolation, menuiseries, chauffage.", read.Description);
        Assert.Equal(new Party("Ville de Lyon", "FRA"), read.Buyer);
        Assert.Equal("45454000", read.MainCpv);
        Assert.Equal(["45321000", "45421000"], read.AdditionalCpv);
        Assert.Equal(new Money(1_234_567.89m, "EUR"), read.EstimatedValue);
        Assert.Equal("open", read.ProcedureType);
        Assert.Equal(record.Deadline, read.Deadline);
        Assert.Equal(TimeSpan.FromHours(2), read.Deadline!.Value.Offset);
        Assert.Equal(2, read.Lots.Count);
        Assert.Equal(record.Lots[0], read.Lots[0]);
        Assert.Equal(record.Lots[1], read.Lots[1]);
        Assert.Equal(record.Links, read.Links);
        Assert.Equal(record.Documents, read.Documents);
        Assert.Equal(record.IngestedAt, read.IngestedAt);
    }

    [Fact]
    public async Task InsertAsync_NewRecord_WritesColumnsDocumentsAndLanguageConfiguration()
    {
        var record = TenderRecords.Full();

        await _store.InsertAsync(record, None);

        await using var command = fixture.DataSource.CreateCommand("""
            SELECT t.sha256, t.config::text, t.buyer_country, t.additional_cpv, t.estimated_amount, t.deadline,
                   (SELECT array_agg(cpv ORDER BY cpv) FROM tender_cpvs WHERE tender_id = t.id),
                   (SELECT array_agg(file_name ORDER BY position) FROM tender_documents WHERE tender_id = t.id),
                   t.record->>'noticeId', t.record->'estimatedValue'->>'amount'
            FROM tenders t WHERE t.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = record.Id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(record.Documents[0].Sha256, reader.GetString(0));
        Assert.Equal("french", reader.GetString(1));
        Assert.Equal("FRA", reader.GetString(2));
        Assert.Equal(["45321000", "45421000"], reader.GetFieldValue<string[]>(3));
        Assert.Equal(1_234_567.89m, reader.GetDecimal(4));
        Assert.Equal(new DateTimeOffset(2025, 6, 30, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560), reader.GetFieldValue<DateTimeOffset>(5));
        Assert.Equal(["45321000", "45421000", "45454000"], reader.GetFieldValue<string[]>(6));
        Assert.Equal(new string?[] { "notice.xml", null }, reader.GetFieldValue<string?[]>(7));
        Assert.Equal("f3b2e6c4-1a2b-4c3d-9e8f-0123456789ab", reader.GetString(8));
        Assert.Equal("1234567.89", reader.GetString(9));
    }

    [Fact]
    public async Task InsertAsync_SameSha256Twice_ReturnsTheFirstRecordAndKeepsOneRow()
    {
        var first = TenderRecords.Minimal() with { Title = "first" };
        var second = TenderRecords.Minimal(first.Documents[0].Sha256) with { Title = "second" };

        var (_, firstCreated) = await _store.InsertAsync(first, None);
        var (returned, secondCreated) = await _store.InsertAsync(second, None);

        Assert.True(firstCreated);
        Assert.False(secondCreated);
        Assert.Equal(first.Id, returned.Id);
        Assert.Equal("first", returned.Title);
        Assert.Null(await _store.GetAsync(second.Id, None));
        Assert.Equal(1L, await CountRowsAsync("SELECT count(*) FROM tenders WHERE sha256 = $1", first.Documents[0].Sha256));
        Assert.Equal(1L, await CountRowsAsync("SELECT count(*) FROM tender_documents WHERE sha256 = $1", first.Documents[0].Sha256));
    }

    [Fact]
    public async Task InsertAsync_SameSha256Concurrently_CreatesExactlyOne()
    {
        var sha256 = TenderRecords.NewSha256();
        var records = Enumerable.Range(0, 8).Select(i => TenderRecords.Minimal(sha256) with { Title = $"attempt {i}" }).ToList();

        var results = await Task.WhenAll(records.Select(r => Task.Run(() => _store.InsertAsync(r, None))));

        var winner = Assert.Single(results, r => r.Created).Record;
        Assert.All(results, r => Assert.Equal(winner.Id, r.Record.Id));
        Assert.Equal(1L, await CountRowsAsync("SELECT count(*) FROM tenders WHERE sha256 = $1", sha256));
    }

    [Fact]
    public async Task InsertAsync_NoIdNorIngestionTime_AssignsBoth()
    {
        var record = TenderRecords.Minimal() with { Id = Guid.Empty, IngestedAt = default };

        var (inserted, _) = await _store.InsertAsync(record, None);

        Assert.NotEqual(Guid.Empty, inserted.Id);
        Assert.InRange(inserted.IngestedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(inserted.Id, (await _store.GetAsync(inserted.Id, None))!.Id);
    }

    [Fact]
    public async Task InsertAsync_NoDocument_ThrowsArgumentException()
    {
        var record = TenderRecords.Minimal() with { Documents = [] };

        await Assert.ThrowsAsync<ArgumentException>(() => _store.InsertAsync(record, None));
    }

    [Fact]
    public async Task FindBySha256Async_StoredRecordAnyCase_ReturnsIt()
    {
        var record = TenderRecords.Minimal();
        await _store.InsertAsync(record, None);

        var found = await _store.FindBySha256Async(record.Documents[0].Sha256.ToUpperInvariant(), None);

        Assert.Equal(record.Id, found?.Id);
    }

    [Fact]
    public async Task FindBySha256Async_Unknown_ReturnsNull()
    {
        Assert.Null(await _store.FindBySha256Async(TenderRecords.NewSha256(), None));
    }

    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task SearchAsync_PageOutOfBounds_ThrowsArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.SearchAsync(new TenderQuery { Page = 0 }, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.SearchAsync(new TenderQuery { PageSize = TenderQuery.MaxPageSize + 1 }, None));
    }

    [Fact]
    public async Task InsertAsync_DatabaseUnreachable_ThrowsPostgresStorageExceptionWithoutPassword()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Port = 1, Timeout = 3 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var store = new PostgresTenderStore(dataSource);

        var e = await Assert.ThrowsAsync<PostgresStorageException>(() => store.InsertAsync(TenderRecords.Minimal(), None));

        Assert.Contains("tender insert", e.Message);
        Assert.Contains("127.0.0.1:1/", e.Message);
        Assert.True(e.IsTransient);
        Assert.DoesNotContain(builder.Password!, e.ToString());
    }

    [Fact]
    public async Task TextSearchConfigurations_EveryStemmer_ExistsInPostgreSql()
    {
        foreach (var configuration in TextSearchConfigurations.Stemming.Append(TextSearchConfigurations.Simple))
        {
            await using var command = fixture.DataSource.CreateCommand("SELECT $1::regconfig::text");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = configuration });
            Assert.Equal(configuration, (string)(await command.ExecuteScalarAsync())!);
        }
    }

    private async Task<long> CountRowsAsync(string sql, string value)
    {
        await using var command = fixture.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
