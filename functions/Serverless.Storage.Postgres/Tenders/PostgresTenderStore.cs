using Npgsql;
using NpgsqlTypes;
using Serverless.Tenders.Model;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Postgres.Tenders;

/// <summary>
/// <see cref="ITenderStore"/> on PostgreSQL (tables of migration <c>0001_tenders</c>). A record is stored twice
/// over: as columns for filtering and as the <c>record</c> jsonb that every read returns, so what comes back
/// is exactly what went in. The SHA-256 of a record's original file, the first of its documents, keys it.
/// </summary>
internal sealed class PostgresTenderStore(NpgsqlDataSource dataSource) : ITenderStore
{
    // One statement, so the record, its CPV codes and its documents are written atomically; when the
    // SHA-256 is taken, ON CONFLICT makes the first CTE return nothing and nothing is written at all.
    private const string InsertSql = """
        WITH tender AS (
            INSERT INTO tenders (id, sha256, format, notice_id, notice_version, notice_subtype, publication_id,
                                 language, config, title, description, buyer_name, buyer_country, main_cpv,
                                 additional_cpv, estimated_amount, estimated_currency, procedure_type, deadline,
                                 record, ingested_at)
            VALUES (@id, @sha256, @format, @notice_id, @notice_version, @notice_subtype, @publication_id,
                    @language, @config::regconfig, @title, @description, @buyer_name, @buyer_country, @main_cpv,
                    @additional_cpv, @estimated_amount, @estimated_currency, @procedure_type, @deadline,
                    @record, @ingested_at)
            ON CONFLICT (sha256) DO NOTHING
            RETURNING id
        ),
        cpvs AS (
            INSERT INTO tender_cpvs (tender_id, cpv)
            SELECT DISTINCT tender.id, code FROM tender, unnest(@cpvs) AS code
        ),
        documents AS (
            INSERT INTO tender_documents (tender_id, position, object_key, sha256, size, content_type, file_name)
            SELECT tender.id, d.position, d.object_key, d.sha256, d.size, d.content_type, d.file_name
            FROM tender,
                 unnest(@document_keys, @document_sha256s, @document_sizes, @document_content_types, @document_file_names)
                     WITH ORDINALITY AS d(object_key, sha256, size, content_type, file_name, position)
        )
        SELECT count(*) FROM tender
        """;

    private const string SelectBySha256Sql = "SELECT record::text FROM tenders WHERE sha256 = @sha256";

    private const string SelectByIdSql = "SELECT record::text FROM tenders WHERE id = @id";

    public async Task<TenderRecord?> FindBySha256Async(string sha256, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        return await ReadOneAsync("tender lookup by SHA-256", SelectBySha256Sql,
            new NpgsqlParameter<string>("sha256", NormaliseSha256(sha256)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<TenderRecord?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await ReadOneAsync("tender lookup by id", SelectByIdSql, new NpgsqlParameter<Guid>("id", id), cancellationToken)
            .ConfigureAwait(false);

    public async Task<(TenderRecord Record, bool Created)> InsertAsync(TenderRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var original = record.Documents.FirstOrDefault()
            ?? throw new ArgumentException("A tender record needs its original file as its first document: its SHA-256 keys the record.", nameof(record));
        var sha256 = NormaliseSha256(original.Sha256);
        var stored = record with
        {
            Id = record.Id == Guid.Empty ? Guid.CreateVersion7() : record.Id,
            IngestedAt = record.IngestedAt == default ? DateTimeOffset.UtcNow : record.IngestedAt,
        };

        try
        {
            await using var command = dataSource.CreateCommand(InsertSql);
            AddRecordParameters(command.Parameters, stored, sha256);
            var inserted = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (inserted == 1)
            {
                return (stored, true);
            }
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("tender insert", e, dataSource);
        }

        // Another ingestion of the same file won; its row is committed (ON CONFLICT waited for it).
        var existing = await FindBySha256Async(sha256, cancellationToken).ConfigureAwait(false)
            ?? throw new PostgresStorageException(
                $"PostgreSQL tender insert found SHA-256 {sha256} taken, but no record with it: it was deleted meanwhile.",
                null, isTransient: true, sqlState: null);
        return (existing, false);
    }

    public async Task<TenderPage> SearchAsync(TenderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1, nameof(query.Page));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query.PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, TenderQuery.MaxPageSize, nameof(query.PageSize));

        var search = TenderSearchSql.Build(query);
        try
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(search.CountCommand());
            batch.BatchCommands.Add(search.PageCommand((query.Page - 1L) * query.PageSize, query.PageSize));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var total = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<TenderRecord>(query.PageSize);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(TenderRecordJson.Deserialize(reader.GetString(0)));
            }

            return new TenderPage(items, query.Page, query.PageSize, total);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("tender search", e, dataSource);
        }
    }

    private async Task<TenderRecord?> ReadOneAsync(string operation, string sql, NpgsqlParameter parameter, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(parameter);
            var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            return json is null ? null : TenderRecordJson.Deserialize(json);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap(operation, e, dataSource);
        }
    }

    private static void AddRecordParameters(NpgsqlParameterCollection p, TenderRecord r, string sha256)
    {
        p.Add(new NpgsqlParameter<Guid>("id", r.Id));
        p.Add(new NpgsqlParameter<string>("sha256", sha256));
        p.Add(Text("format", r.Format));
        p.Add(Text("notice_id", r.NoticeId));
        p.Add(Text("notice_version", r.NoticeVersion));
        p.Add(Text("notice_subtype", r.NoticeSubtype));
        p.Add(Text("publication_id", r.PublicationId));
        p.Add(Text("language", r.Language));
        p.Add(Text("config", TextSearchConfigurations.ForLanguage(r.Language)));
        p.Add(Text("title", r.Title));
        p.Add(Text("description", r.Description));
        p.Add(Text("buyer_name", r.Buyer?.Name));
        p.Add(Text("buyer_country", r.Buyer?.Country));
        p.Add(Text("main_cpv", r.MainCpv));
        p.Add(new NpgsqlParameter<string[]>("additional_cpv", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = r.AdditionalCpv.ToArray() });
        p.Add(new NpgsqlParameter("estimated_amount", NpgsqlDbType.Numeric) { Value = (object?)r.EstimatedValue?.Amount ?? DBNull.Value });
        p.Add(Text("estimated_currency", r.EstimatedValue?.Currency));
        p.Add(Text("procedure_type", r.ProcedureType));
        p.Add(new NpgsqlParameter("deadline", NpgsqlDbType.TimestampTz) { Value = (object?)r.Deadline?.ToUniversalTime() ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string>("record", NpgsqlDbType.Jsonb) { TypedValue = TenderRecordJson.Serialize(r) });
        p.Add(new NpgsqlParameter<DateTimeOffset>("ingested_at", NpgsqlDbType.TimestampTz) { TypedValue = r.IngestedAt.ToUniversalTime() });

        var cpvs = new[] { r.MainCpv }.Concat(r.AdditionalCpv)
            .Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        p.Add(new NpgsqlParameter<string[]>("cpvs", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = cpvs });

        p.Add(new NpgsqlParameter<string[]>("document_keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = r.Documents.Select(d => d.ObjectKey).ToArray() });
        p.Add(new NpgsqlParameter<string[]>("document_sha256s", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = r.Documents.Select(d => NormaliseSha256(d.Sha256)).ToArray() });
        p.Add(new NpgsqlParameter<long[]>("document_sizes", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = r.Documents.Select(d => d.Size).ToArray() });
        p.Add(new NpgsqlParameter<string[]>("document_content_types", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = r.Documents.Select(d => d.ContentType).ToArray() });
        p.Add(new NpgsqlParameter<string?[]>("document_file_names", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = r.Documents.Select(d => d.FileName).ToArray() });
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static string NormaliseSha256(string sha256) => sha256.Trim().ToLowerInvariant();
}
