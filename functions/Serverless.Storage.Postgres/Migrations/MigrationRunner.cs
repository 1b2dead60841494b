using Microsoft.Extensions.Logging;
using Npgsql;

namespace Serverless.Storage.Postgres.Migrations;

/// <summary>
/// Applies the embedded <c>Migrations/*.sql</c> scripts in name order, each once and in its own transaction,
/// recording each in <c>schema_migrations</c> (version = file name without <c>.sql</c>). The same contract as
/// <c>infra/local/services.sh</c>, which applies the same files with psql: whichever runs first applies a
/// file, the other sees it recorded.
/// </summary>
public sealed partial class MigrationRunner
{
    /// <summary>
    /// Key of the transaction-scoped advisory lock that serialises instances starting together; it also covers
    /// creating <c>schema_migrations</c>, which a table lock cannot.
    /// </summary>
    internal const long AdvisoryLockKey = 0x5345_5256_4D49_4752; // "SERVMIGR"

    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    text        PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    // The lock infra/local/services.sh takes, so that a psql run and the application exclude each other too.
    private const string LockTableSql = "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<MigrationRunner> _logger;

    public MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>Applies what is missing; returns the versions applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        var operation = "migration";
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var migration in Migration.LoadEmbedded())
            {
                operation = $"migration {migration.Version}";
                if (await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false))
                {
                    LogApplied(migration.Version);
                    applied.Add(migration.Version);
                }
            }
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap(operation, e, _dataSource);
        }

        if (applied.Count == 0)
        {
            LogUpToDate();
        }

        return applied;
    }

    private static async Task<bool> ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var prepare = new NpgsqlBatch(connection, transaction))
        {
            prepare.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = AdvisoryLockKey } } });
            prepare.BatchCommands.Add(new NpgsqlBatchCommand(CreateTableSql));
            prepare.BatchCommands.Add(new NpgsqlBatchCommand(LockTableSql));
            await prepare.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)", connection, transaction))
        {
            check.Parameters.Add(new() { Value = migration.Version });
            if ((bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }
        }

        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES ($1)", connection, transaction))
        {
            record.Parameters.Add(new() { Value = migration.Version });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Version}")]
    private partial void LogApplied(string version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database schema is up to date")]
    private partial void LogUpToDate();
}
