using Npgsql;
using NpgsqlTypes;
using Serverless.Links.Ports;

namespace Serverless.Storage.Postgres.Links;

/// <summary><see cref="ISaveRequestLog"/> on table <c>wayback_save_requests</c>: one conditional upsert, so two instances
/// never both get to request a save for the same URL within the window.</summary>
internal sealed class PostgresSaveRequestLog(NpgsqlDataSource dataSource) : ISaveRequestLog
{
    private const string ReserveSql = """
        INSERT INTO wayback_save_requests (url, requested_at) VALUES (@url, @now)
        ON CONFLICT (url) DO UPDATE SET requested_at = EXCLUDED.requested_at
            WHERE wayback_save_requests.requested_at <= @now - @window
        RETURNING 1
        """;

    public async Task<bool> TryReserveAsync(string url, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(ReserveSql);
            command.Parameters.Add(new NpgsqlParameter<string>("url", url));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<TimeSpan>("window", NpgsqlDbType.Interval) { TypedValue = window });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap("Wayback save reservation", e, dataSource);
        }
    }
}
