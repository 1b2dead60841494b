using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;
using Serverless.Links.History;
using Serverless.Links.Ports;
using Serverless.Links.Reports;

namespace Serverless.Storage.Postgres.Links;

/// <summary>
/// <see cref="ILinkReportStore"/> on the tables of migration <c>0003_links</c>. Every step that moves a report on writes its
/// state and enqueues the next step's message (<c>serverless_enqueue</c>) in one transaction: the queue lives in the same
/// database, so a crash leaves either both or neither, and a redelivered message finds the work already done.
/// </summary>
internal sealed class PostgresLinkReportStore(NpgsqlDataSource dataSource) : ILinkReportStore
{
    private const string InsertSql = $"""
        WITH report AS (
            INSERT INTO link_reports (id, state, source_kind, source_name, document_kind, source_key, base_url, tender_id)
            VALUES (@id, 'queued', @source_kind, @source_name, @document_kind, @source_key, @base_url, @tender_id)
            RETURNING id
        )
        SELECT serverless_enqueue('{ReportQueues.Extract}', json_build_object('reportId', id)::text) FROM report
        """;

    private const string SummarySql = """
        SELECT r.id, r.state, r.source_kind, r.source_name, r.document_kind, r.base_url, r.tender_id, r.error, r.created_at,
               r.finished_at, r.documents, r.links, r.urls,
               (SELECT count(*) FROM link_report_urls u WHERE u.report_id = r.id AND u.status IS NOT NULL),
               (SELECT count(*) FROM link_report_links l WHERE l.report_id = r.id AND (l.url IS NULL OR NOT EXISTS (
                    SELECT 1 FROM link_report_urls u WHERE u.report_id = r.id AND u.url = l.url))),
               (SELECT count(*) FROM link_report_urls u JOIN links h ON h.url = u.url WHERE u.report_id = r.id AND h.dead),
               (SELECT count(*) FROM link_report_urls u WHERE u.report_id = r.id AND u.archive_url IS NOT NULL)
        FROM link_reports r WHERE r.id = @id;
        SELECT status, count(*) FROM link_report_urls WHERE report_id = @id AND status IS NOT NULL GROUP BY status
        """;

    private const string StateSql = "SELECT state, error FROM link_reports WHERE id = @id";

    private const string SourceSql =
        "SELECT id, source_kind, source_name, document_kind, source_key, base_url, tender_id FROM link_reports WHERE id = @id";

    private const string LockReportSql = "SELECT state FROM link_reports WHERE id = @id FOR UPDATE";

    private const string CopyLinksSql = """
        COPY link_report_links (report_id, seq, document_seq, url, raw, fragment, kind, element, not_checked_reason, line, col, context)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyDocumentsSql =
        "COPY link_report_documents (report_id, seq, post_id, title, type, status, base_url) FROM STDIN (FORMAT BINARY)";

    // Distinct URLs in a hash order, so a chunk mixes hosts and per-host politeness does not serialise a chunk.
    private const string PlanSql = $"""
        INSERT INTO link_report_urls (report_id, url, chunk)
        SELECT @id, url, (row_number() OVER (ORDER BY md5(url), url) - 1) / @chunk_size
        FROM (SELECT DISTINCT url FROM link_report_links
              WHERE report_id = @id AND url IS NOT NULL AND (kind = 'outbound' OR (@check_internal AND kind = 'internal'))) d;
        INSERT INTO link_report_chunks (report_id, chunk)
        SELECT DISTINCT report_id, chunk FROM link_report_urls WHERE report_id = @id;
        WITH counts AS (
            SELECT (SELECT count(*) FROM link_report_urls WHERE report_id = @id) AS urls,
                   (SELECT count(*) FROM link_report_chunks WHERE report_id = @id) AS chunks
        ),
        report AS (
            UPDATE link_reports SET documents = @documents, links = @links, urls = counts.urls, chunks = counts.chunks,
                state = CASE WHEN counts.chunks > 0 THEN 'checking' ELSE 'writing' END, updated_at = now()
            FROM counts WHERE link_reports.id = @id
            RETURNING link_reports.chunks
        )
        SELECT count(serverless_enqueue('{ReportQueues.Check}', json_build_object('reportId', @id, 'chunk', c)::text))
        FROM report, generate_series(0, report.chunks - 1) AS c
        UNION ALL
        SELECT count(serverless_enqueue('{ReportQueues.Write}', json_build_object('reportId', @id)::text))
        FROM report WHERE report.chunks = 0
        """;

    private const string FailSql =
        "UPDATE link_reports SET state = 'failed', error = @error, updated_at = now(), finished_at = now() WHERE id = @id AND state <> 'done'";

    private const string PendingSql = """
        SELECT u.url, u.status IS NULL
        FROM link_report_urls u LEFT JOIN links h ON h.url = u.url
        WHERE u.report_id = @id AND u.chunk = @chunk
          AND (u.status IS NULL OR (u.archive_outcome IS NULL AND (u.status = 'broken' OR coalesce(h.dead, false))))
        ORDER BY u.url
        """;

    private const string RecordCheckSql = """
        UPDATE link_report_urls SET status = @status, http_status = @http_status, final_url = @final_url, detail = @detail,
            redirects = @redirects, insecure_redirect = @insecure_redirect, attempts = @attempts, checked_at = @checked_at
        WHERE report_id = @id AND url = @url
        """;

    private const string RecordArchiveSql = """
        UPDATE link_report_urls SET archive_outcome = @outcome, archive_url = @archive_url WHERE report_id = @id AND url = @url;
        UPDATE links SET archive_url = @archive_url, archive_checked_at = now() WHERE url = @url AND @archive_url IS NOT NULL
        """;

    // The chunk flag makes a redelivered completion a no-op; the report row's lock orders concurrent completions, so
    // exactly one sees the last chunk done and enqueues the write step.
    private const string CompleteChunkSql = $"""
        WITH chunk AS (
            UPDATE link_report_chunks SET done = true WHERE report_id = @id AND chunk = @chunk AND NOT done RETURNING report_id
        ),
        report AS (
            UPDATE link_reports r SET chunks_done = r.chunks_done + 1, updated_at = now(),
                state = CASE WHEN r.chunks_done + 1 >= r.chunks THEN 'writing' ELSE r.state END
            FROM chunk WHERE r.id = chunk.report_id AND r.state = 'checking'
            RETURNING r.chunks_done, r.chunks
        )
        SELECT count(serverless_enqueue('{ReportQueues.Write}', json_build_object('reportId', @id)::text))
        FROM report WHERE report.chunks_done >= report.chunks
        """;

    private const string DoneSql =
        "UPDATE link_reports SET state = 'done', finished_at = now(), updated_at = now() WHERE id = @id AND state = 'writing'";

    private const string DocumentsSql =
        "SELECT seq, post_id, title, type, status, base_url FROM link_report_documents WHERE report_id = @id ORDER BY seq";

    private const string LinkColumns = $"""
        l.document_seq, l.url, l.raw, l.fragment, l.kind, l.element, l.not_checked_reason, l.line, l.col, l.context,
        u.status, u.http_status, u.final_url, u.detail, u.redirects::text, u.insecure_redirect, u.checked_at,
        u.archive_outcome, u.archive_url,
        coalesce(h.dead, false), coalesce(h.consecutive_failures, 0)
        """;

    private const string LinksSql = $"""
        SELECT {LinkColumns}
        FROM link_report_links l
        LEFT JOIN link_report_urls u ON u.report_id = l.report_id AND u.url = l.url
        LEFT JOIN links h ON h.url = u.url
        WHERE l.report_id = @id
        ORDER BY l.seq
        """;

    private const string LinkPageSql = $"""
        SELECT count(*) FROM link_report_links l JOIN link_report_urls u ON u.report_id = l.report_id AND u.url = l.url
        WHERE l.report_id = @id AND (@status::text IS NULL OR u.status = @status);
        SELECT {LinkColumns}, d.post_id, d.title, d.type, d.status, d.base_url
        FROM link_report_links l
        JOIN link_report_urls u ON u.report_id = l.report_id AND u.url = l.url
        LEFT JOIN links h ON h.url = u.url
        JOIN link_report_documents d ON d.report_id = l.report_id AND d.seq = l.document_seq
        WHERE l.report_id = @id AND (@status::text IS NULL OR u.status = @status)
        ORDER BY l.seq
        OFFSET @offset LIMIT @limit
        """;

    public async Task CreateAsync(NewReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await RunAsync("link report insert", async () =>
        {
            await using var command = dataSource.CreateCommand(InsertSql);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<Guid>("id", report.Id));
            p.Add(new NpgsqlParameter<string>("source_kind", report.SourceKind));
            p.Add(LinkHistorySql.Text("source_name", report.SourceName));
            p.Add(new NpgsqlParameter<string>("document_kind", report.DocumentKind));
            p.Add(LinkHistorySql.Text("source_key", report.SourceKey));
            p.Add(LinkHistorySql.Text("base_url", report.BaseUrl));
            p.Add(new NpgsqlParameter("tender_id", NpgsqlDbType.Uuid) { Value = (object?)report.TenderId ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<ReportSummary?> GetSummaryAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync("link report read", async () =>
        {
            await using var batch = dataSource.CreateBatch();
            foreach (var sql in SummarySql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var summary = new ReportSummary
            {
                Id = reader.GetGuid(0),
                State = ReportWireNames.Parse<ReportState>(reader.GetString(1), ReportWireNames.ToName),
                SourceKind = reader.GetString(2),
                SourceName = NullableString(reader, 3),
                DocumentKind = reader.GetString(4),
                BaseUrl = NullableString(reader, 5),
                TenderId = reader.IsDBNull(6) ? null : reader.GetGuid(6),
                Error = NullableString(reader, 7),
                CreatedAt = LinkHistorySql.Utc(reader.GetDateTime(8)),
                FinishedAt = reader.IsDBNull(9) ? null : LinkHistorySql.Utc(reader.GetDateTime(9)),
                Documents = reader.GetInt32(10),
                Links = reader.GetInt32(11),
                Urls = reader.GetInt32(12),
                UrlsChecked = (int)reader.GetInt64(13),
                NotChecked = (int)reader.GetInt64(14),
                Dead = (int)reader.GetInt64(15),
                Archived = (int)reader.GetInt64(16),
            };

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var byStatus = new Dictionary<LinkStatus, int>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byStatus[LinkHistorySql.ParseStatus(reader.GetString(0))] = (int)reader.GetInt64(1);
            }

            // Links not yet extracted are not "not checked": until extraction the counts are all zero.
            return summary with { ByStatus = byStatus, NotChecked = summary.State == ReportState.Queued ? 0 : summary.NotChecked };
        }, cancellationToken);

    public Task<(ReportState State, string? Error)?> GetStateAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync<(ReportState State, string? Error)?>("link report state read", async () =>
        {
            await using var command = dataSource.CreateCommand(StateSql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? (ReportWireNames.Parse<ReportState>(reader.GetString(0), ReportWireNames.ToName), NullableString(reader, 1))
                : null;
        }, cancellationToken);

    public Task<NewReport?> GetSourceAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync("link report source read", async () =>
        {
            await using var command = dataSource.CreateCommand(SourceSql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new NewReport
            {
                Id = reader.GetGuid(0),
                SourceKind = reader.GetString(1),
                SourceName = NullableString(reader, 2),
                DocumentKind = reader.GetString(3),
                SourceKey = NullableString(reader, 4),
                BaseUrl = NullableString(reader, 5),
                TenderId = reader.IsDBNull(6) ? null : reader.GetGuid(6),
            };
        }, cancellationToken);

    public Task<bool> SaveExtractionAsync(Guid id, IEnumerable<ExtractedDocument> documents, ReportPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.ChunkSize, 1);
        return RunAsync("link report extraction", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockReport = new NpgsqlCommand(LockReportSql, connection, transaction))
            {
                lockReport.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                if (await lockReport.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not "queued")
                {
                    return false;
                }
            }

            // Links stream through COPY as the extractor yields them; only the documents' few fields wait for the second COPY.
            var sources = new List<LinkSource>();
            var linkCount = 0;
            await using (var links = await connection.BeginBinaryImportAsync(CopyLinksSql, cancellationToken).ConfigureAwait(false))
            {
                foreach (var document in documents)
                {
                    var documentSeq = sources.Count;
                    sources.Add(document.Source);
                    foreach (var link in document.Links)
                    {
                        await links.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        await links.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                        await links.WriteAsync(linkCount++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        await links.WriteAsync(documentSeq, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        await WriteTextAsync(links, link.Url, cancellationToken).ConfigureAwait(false);
                        await WriteTextAsync(links, link.Raw, cancellationToken).ConfigureAwait(false);
                        await WriteTextAsync(links, link.Fragment, cancellationToken).ConfigureAwait(false);
                        await WriteTextAsync(links, link.Kind.ToName(), cancellationToken).ConfigureAwait(false);
                        await WriteTextAsync(links, link.Element, cancellationToken).ConfigureAwait(false);
                        await WriteTextAsync(links, link.NotCheckedReason, cancellationToken).ConfigureAwait(false);
                        await links.WriteAsync(link.Line, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        await links.WriteAsync(link.Column, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        await WriteTextAsync(links, link.Context, cancellationToken).ConfigureAwait(false);
                    }
                }

                await links.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(CopyDocumentsSql, cancellationToken).ConfigureAwait(false))
            {
                for (var seq = 0; seq < sources.Count; seq++)
                {
                    var source = sources[seq];
                    await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(copy, source.PostId, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(copy, source.Title, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(copy, source.Type, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(copy, source.Status, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(copy, source.BaseUrl, cancellationToken).ConfigureAwait(false);
                }

                await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var planBatch = new NpgsqlBatch(connection, transaction))
            {
                foreach (var sql in PlanSql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var command = new NpgsqlBatchCommand(sql);
                    command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                    command.Parameters.Add(new NpgsqlParameter<int>("chunk_size", plan.ChunkSize));
                    command.Parameters.Add(new NpgsqlParameter<bool>("check_internal", plan.CheckInternal));
                    command.Parameters.Add(new NpgsqlParameter<int>("documents", sources.Count));
                    command.Parameters.Add(new NpgsqlParameter<int>("links", linkCount));
                    planBatch.BatchCommands.Add(command);
                }

                await planBatch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task MarkFailedAsync(Guid id, string error, CancellationToken cancellationToken) =>
        RunAsync("link report failure", async () =>
        {
            await using var command = dataSource.CreateCommand(FailSql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            command.Parameters.Add(new NpgsqlParameter<string>("error", error));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<PendingUrl>> GetPendingAsync(Guid id, int chunk, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<PendingUrl>>("link report chunk read", async () =>
        {
            await using var command = dataSource.CreateCommand(PendingSql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            command.Parameters.Add(new NpgsqlParameter<int>("chunk", chunk));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var pending = new List<PendingUrl>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pending.Add(new PendingUrl(reader.GetString(0), reader.GetBoolean(1)));
            }

            return pending;
        }, cancellationToken);

    public Task<LinkHistoryEntry> RecordCheckAsync(Guid id, LinkCheckResult check, LinkHistoryOptions rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        return RunAsync("link check record", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var entry = await LinkHistorySql.ApplyCheckAsync(connection, transaction, check, rules, cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand(RecordCheckSql, connection, transaction))
            {
                var p = command.Parameters;
                p.Add(new NpgsqlParameter<Guid>("id", id));
                p.Add(new NpgsqlParameter<string>("url", check.Url));
                p.Add(new NpgsqlParameter<string>("status", check.Status.ToName()));
                p.Add(new NpgsqlParameter("http_status", NpgsqlDbType.Integer) { Value = (object?)check.HttpStatus ?? DBNull.Value });
                p.Add(LinkHistorySql.Text("final_url", check.FinalUrl));
                p.Add(LinkHistorySql.Text("detail", check.Detail));
                p.Add(new NpgsqlParameter("redirects", NpgsqlDbType.Jsonb)
                {
                    Value = check.Redirects.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(check.Redirects, RedirectJson.Options),
                });
                p.Add(new NpgsqlParameter<bool>("insecure_redirect", check.InsecureRedirect));
                p.Add(new NpgsqlParameter<int>("attempts", check.Attempts));
                p.Add(LinkHistorySql.Time("checked_at", check.CheckedAt));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return entry;
        }, cancellationToken);
    }

    public Task RecordArchiveAsync(Guid id, ArchiveResult archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        return RunAsync("link archive record", async () =>
        {
            await using var batch = dataSource.CreateBatch();
            foreach (var sql in RecordArchiveSql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                command.Parameters.Add(new NpgsqlParameter<string>("url", archive.Url));
                command.Parameters.Add(new NpgsqlParameter<string>("outcome", archive.Outcome.ToName()));
                command.Parameters.Add(LinkHistorySql.Text("archive_url", archive.ArchiveUrl));
                batch.BatchCommands.Add(command);
            }

            // Both statements in one implicit transaction.
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task CompleteChunkAsync(Guid id, int chunk, CancellationToken cancellationToken) =>
        RunAsync("link report chunk completion", async () =>
        {
            await using var command = dataSource.CreateCommand(CompleteChunkSql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            command.Parameters.Add(new NpgsqlParameter<int>("chunk", chunk));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async IAsyncEnumerable<ReportDocument> ReadDocumentsAsync(Guid id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        List<LinkSource> sources;
        NpgsqlDataReader reader;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            sources = [];
            await using (var documents = new NpgsqlCommand(DocumentsSql, connection))
            {
                documents.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                await using var documentReader = await documents.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await documentReader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    sources.Add(ReadSource(documentReader, 1));
                }
            }

            await using var links = new NpgsqlCommand(LinksSql, connection);
            links.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            reader = await links.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("link report read", e, dataSource);
        }

        await using (connection)
        await using (reader)
        {
            var current = new List<ReportLink>();
            var seq = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
                {
                    throw PostgresErrors.Wrap("link report read", e, dataSource);
                }

                var documentSeq = more ? reader.GetInt32(0) : sources.Count;
                while (seq < documentSeq && seq < sources.Count)
                {
                    yield return new ReportDocument(seq, sources[seq], current);
                    current = [];
                    seq++;
                }

                if (!more)
                {
                    break;
                }

                current.Add(ReadLink(reader));
            }
        }
    }

    public Task<LinkPage> GetLinksAsync(Guid id, LinkStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return RunAsync("link report links read", async () =>
        {
            await using var batch = dataSource.CreateBatch();
            foreach (var sql in LinkPageSql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                command.Parameters.Add(LinkHistorySql.Text("status", status?.ToName()));
                command.Parameters.Add(new NpgsqlParameter<long>("offset", (page - 1L) * pageSize));
                command.Parameters.Add(new NpgsqlParameter<int>("limit", pageSize));
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var total = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<LinkPageItem>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new LinkPageItem(reader.GetInt32(0), ReadSource(reader, LinkColumnCount), ReadLink(reader)));
            }

            return new LinkPage(items, page, pageSize, total);
        }, cancellationToken);
    }

    public Task MarkDoneAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync("link report completion", async () =>
        {
            await using var command = dataSource.CreateCommand(DoneSql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private const int LinkColumnCount = 21;

    private static ReportLink ReadLink(NpgsqlDataReader r)
    {
        var link = new ExtractedLink
        {
            Url = NullableString(r, 1),
            Raw = r.GetString(2),
            Fragment = NullableString(r, 3),
            Kind = ReportWireNames.Parse<LinkKind>(r.GetString(4), ReportWireNames.ToName),
            Element = r.GetString(5),
            NotCheckedReason = NullableString(r, 6),
            Line = r.GetInt32(7),
            Column = r.GetInt32(8),
            Context = NullableString(r, 9),
        };
        if (r.IsDBNull(10))
        {
            return new ReportLink(link, null);
        }

        var redirects = r.IsDBNull(14) ? [] : JsonSerializer.Deserialize<List<RedirectHop>>(r.GetString(14), RedirectJson.Options) ?? [];
        return new ReportLink(link, new LinkVerdict
        {
            Status = LinkHistorySql.ParseStatus(r.GetString(10)),
            HttpStatus = r.IsDBNull(11) ? null : r.GetInt32(11),
            FinalUrl = NullableString(r, 12),
            Detail = NullableString(r, 13),
            Redirects = redirects,
            InsecureRedirect = r.GetBoolean(15),
            CheckedAt = r.IsDBNull(16) ? default : LinkHistorySql.Utc(r.GetDateTime(16)),
            ArchiveOutcome = r.IsDBNull(17) ? null : ReportWireNames.Parse<ArchiveOutcome>(r.GetString(17), ReportWireNames.ToName),
            ArchiveUrl = NullableString(r, 18),
            Dead = r.GetBoolean(19),
            ConsecutiveFailures = r.GetInt32(20),
        });
    }

    private static LinkSource ReadSource(NpgsqlDataReader r, int offset) => new()
    {
        PostId = NullableString(r, offset),
        Title = NullableString(r, offset + 1),
        Type = NullableString(r, offset + 2),
        Status = NullableString(r, offset + 3),
        BaseUrl = NullableString(r, offset + 4),
    };

    private static string? NullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null
            ? importer.WriteNullAsync(cancellationToken)
            : importer.WriteAsync(LinkHistorySql.Clean(value)!, NpgsqlDbType.Text, cancellationToken);

    private async Task RunAsync(string operation, Func<Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap(operation, e, dataSource);
        }
    }

    private async Task<T> RunAsync<T>(string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap(operation, e, dataSource);
        }
    }
}
