using Npgsql;
using Serverless.Host.Timers;

namespace Serverless.Storage.Postgres.Timers;

/// <summary><see cref="ITimerScheduleMonitor"/> on table <c>timer_schedules</c>: claiming an occurrence is one conditional
/// upsert, so of several instances exactly one wins each occurrence.</summary>
internal sealed class PostgresTimerScheduleMonitor(NpgsqlDataSource dataSource) : ITimerScheduleMonitor
{
    private const string SelectSql = "SELECT last_occurrence FROM timer_schedules WHERE timer = @timer";

    private const string ClaimSql = """
        INSERT INTO timer_schedules (timer, last_occurrence) VALUES (@timer, @occurrence)
        ON CONFLICT (timer) DO UPDATE SET last_occurrence = EXCLUDED.last_occurrence, updated_at = now()
            WHERE timer_schedules.last_occurrence < EXCLUDED.last_occurrence
        RETURNING 1
        """;

    public async Task<DateTimeOffset?> GetLastAsync(string timer, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(SelectSql);
            command.Parameters.Add(new NpgsqlParameter<string>("timer", timer));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime last
                ? new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc))
                : null;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("timer schedule read", e, dataSource);
        }
    }

    public async Task<bool> TryClaimAsync(string timer, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(ClaimSql);
            command.Parameters.Add(new NpgsqlParameter<string>("timer", timer));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("occurrence", occurrence.ToUniversalTime()));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("timer schedule claim", e, dataSource);
        }
    }
}
