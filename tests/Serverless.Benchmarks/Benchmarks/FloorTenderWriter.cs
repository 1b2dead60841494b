using System.Security.Cryptography;
using Minio.DataModel.Args;
using Npgsql;
using NpgsqlTypes;
using Serverless.Benchmarks.Support;
using Serverless.Storage.Postgres.Tenders;
using Serverless.Tenders.Ingestion;
using Serverless.Tenders.Model;
using Serverless.Tenders.Parsing;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// The floor of the ingestion figure: what ingesting a notice must cost at least. The same bytes PUT to the S3 server
/// with the same SDK under the same key, then the same rows (tender, CPV codes, document) inserted with plain Npgsql in
/// one round trip. The records are parsed once beforehand: parsing has a figure of its own.
/// </summary>
internal sealed class FloorTenderWriter
{
    private const string ContentType = "application/xml";

    private const string InsertTenderSql = """
        INSERT INTO tenders (id, sha256, format, notice_id, notice_version, notice_subtype, publication_id, language, config,
                             title, description, buyer_name, buyer_country, main_cpv, additional_cpv, estimated_amount,
                             estimated_currency, procedure_type, deadline, record, ingested_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::regconfig, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
        """;

    private const string InsertCpvsSql = "INSERT INTO tender_cpvs (tender_id, cpv) SELECT $1, unnest($2::text[])";

    private const string InsertDocumentSql = """
        INSERT INTO tender_documents (tender_id, position, object_key, sha256, size, content_type, file_name)
        VALUES ($1, 1, $2, $3, $4, $5, $6)
        """;

    private readonly BenchServices _services;
    private readonly Dictionary<CorpusFile, Prepared> _prepared;

    public FloorTenderWriter(BenchServices services, IEnumerable<CorpusFile> notices)
    {
        _services = services;
        var parser = new NoticeParser();
        _prepared = notices.ToDictionary(n => n, n =>
        {
            var record = parser.Parse(new MemoryStream(n.Bytes)).Record
                ?? throw new InvalidOperationException($"The corpus notice {n.Name} does not parse.");
            var cpvs = new[] { record.MainCpv }.Concat(record.AdditionalCpv).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            return new Prepared(record, TenderRecordJson.Serialize(record), TextSearchConfigurations.ForLanguage(record.Language), cpvs);
        });
    }

    public async Task WriteAsync(CorpusFile notice, byte[] bytes, CancellationToken cancellationToken)
    {
        var prepared = _prepared[notice];
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var key = TenderIngestion.ObjectKeyFor(sha256);
        using (var content = new MemoryStream(bytes, writable: false))
        {
            await _services.Minio.PutObjectAsync(new PutObjectArgs()
                .WithBucket(_services.Bucket).WithObject(key).WithStreamData(content).WithObjectSize(bytes.Length).WithContentType(ContentType),
                cancellationToken).ConfigureAwait(false);
        }

        var r = prepared.Record;
        var id = Guid.CreateVersion7();
        await using var batch = _services.DataSource.CreateBatch();
        batch.BatchCommands.Add(Command(InsertTenderSql,
            Value(id), Value(sha256), Text(r.Format), Text(r.NoticeId), Text(r.NoticeVersion), Text(r.NoticeSubtype), Text(r.PublicationId),
            Text(r.Language), Text(prepared.Config), Text(r.Title), Text(r.Description), Text(r.Buyer?.Name), Text(r.Buyer?.Country),
            Text(r.MainCpv), Value(r.AdditionalCpv.ToArray()),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)r.EstimatedValue?.Amount ?? DBNull.Value },
            Text(r.EstimatedValue?.Currency), Text(r.ProcedureType),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)r.Deadline?.ToUniversalTime() ?? DBNull.Value },
            new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = prepared.Json },
            Value(DateTimeOffset.UtcNow)));
        batch.BatchCommands.Add(Command(InsertCpvsSql, Value(id), Value(prepared.Cpvs)));
        batch.BatchCommands.Add(Command(InsertDocumentSql, Value(id), Value(key), Value(sha256), Value((long)bytes.Length), Value(ContentType), Value(notice.Name)));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private sealed record Prepared(TenderRecord Record, string Json, string Config, string[] Cpvs);
}
