using System.Net.Sockets;
using Npgsql;

namespace Serverless.Storage.Postgres;

/// <summary>Turns Npgsql failures into <see cref="PostgresStorageException"/>s at the adapter boundary.</summary>
internal static class PostgresErrors
{
    /// <summary>Failures to report: everything but the caller's own cancellation and fatal runtime errors.</summary>
    public static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) =>
        e is NpgsqlException or TimeoutException or InvalidOperationException or IOException or SocketException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public static PostgresStorageException Wrap(string operation, Exception e, NpgsqlDataSource dataSource)
    {
        if (e is PostgresStorageException known)
        {
            return known;
        }

        var server = Describe(dataSource);
        var transient = e is NpgsqlException { IsTransient: true } or TimeoutException;
        return e switch
        {
            PostgresException pg => new PostgresStorageException(
                $"PostgreSQL {operation} failed: {pg.MessageText} (SQLSTATE {pg.SqlState}"
                + (pg.TableName is null ? "" : $", table {pg.TableName}")
                + (pg.ConstraintName is null ? "" : $", constraint {pg.ConstraintName}")
                + $") on {server}",
                e, transient, pg.SqlState),
            NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => new PostgresStorageException(
                $"PostgreSQL {operation} failed: cannot reach {server} ({e.InnerException!.Message}). "
                + $"Check that the server runs and {PostgresOptionsValidator.HowToSet}.",
                e, transient, null),
            _ => new PostgresStorageException($"PostgreSQL {operation} failed on {server}: {e.Message}", e, transient, null),
        };
    }

    /// <summary>host:port/database as user, from the connection string without its password.</summary>
    public static string Describe(NpgsqlDataSource dataSource)
    {
        // NpgsqlDataSource.ConnectionString already omits the password (Persist Security Info is off).
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }
}
