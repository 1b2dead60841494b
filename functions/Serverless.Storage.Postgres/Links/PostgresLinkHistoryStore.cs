using Npgsql;
using NpgsqlTypes;
using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.History;
using Serverless.Links.Ports;
using Serverless.Links.Reports;

namespace Serverless.Storage.Postgres.Links;

/// <summary><see cref="ILinkHistoryStore"/> on table <c>links</c> (migration <c>0003_links</c>).</summary>
internal sealed class PostgresLinkHistoryStore(NpgsqlDataSource dataSource) : ILinkHistoryStore
{
    private const string SelectSql = $"SELECT {LinkHistorySql.Columns} FROM links WHERE url = @url";

    // Claim (push next_check_at back by the lease) and enqueue in one statement: a crash loses neither, and SKIP LOCKED
    // lets two instances' timers take disjoint sets.
    private const string ScheduleSql = $"""
        WITH due AS (
            SELECT url FROM links WHERE next_check_at <= @now ORDER BY next_check_at LIMIT @limit FOR UPDATE SKIP LOCKED
        ),
        claimed AS (
            UPDATE links SET next_check_at = @now + @lease FROM due WHERE links.url = due.url RETURNING links.url
        ),
        batches AS (
            SELECT json_build_object('urls', json_agg(url ORDER BY url))::text AS body
            FROM (SELECT url, (row_number() OVER (ORDER BY url) - 1) / @batch AS batch FROM claimed) numbered
            GROUP BY batch
        )
        SELECT (SELECT count(*) FROM claimed), (SELECT count(serverless_enqueue('{ReportQueues.Recheck}', body)) FROM batches)
        """;

    private const string ArchiveSql = "UPDATE links SET archive_url = @archive_url, archive_checked_at = now() WHERE url = @url";

    public async Task<LinkHistoryEntry?> GetAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(SelectSql);
            command.Parameters.Add(new NpgsqlParameter<string>("url", url));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? LinkHistorySql.Read(reader) : null;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("link history read", e, dataSource);
        }
    }

    public async Task<int> ScheduleDueAsync(DateTimeOffset now, int limit, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(ScheduleSql);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            command.Parameters.Add(new NpgsqlParameter<int>("batch", batchSize));
            command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", NpgsqlDbType.Interval) { TypedValue = lease });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (int)reader.GetInt64(0);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("link re-check scheduling", e, dataSource);
        }
    }

    public async Task<LinkHistoryEntry> RecordCheckAsync(LinkCheckResult check, LinkHistoryOptions rules, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var entry = await LinkHistorySql.ApplyCheckAsync(connection, transaction, check, rules, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return entry;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("link history update", e, dataSource);
        }
    }

    public async Task RecordArchiveAsync(ArchiveResult archive, CancellationToken cancellationToken)
    {
        if (archive.ArchiveUrl is null)
        {
            return;
        }

        try
        {
            await using var command = dataSource.CreateCommand(ArchiveSql);
            command.Parameters.Add(new NpgsqlParameter<string>("url", archive.Url));
            command.Parameters.Add(new NpgsqlParameter<string>("archive_url", archive.ArchiveUrl));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("link archive update", e, dataSource);
        }
    }
}
