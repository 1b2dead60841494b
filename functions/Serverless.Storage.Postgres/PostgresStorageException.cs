namespace Serverless.Storage.Postgres;

/// <summary>
/// A PostgreSQL operation of this adapter failed. The Npgsql exception is the inner exception; the message
/// names the operation and the server (host, port, database, user), never the password.
/// </summary>
public sealed class PostgresStorageException : Exception
{
    public PostgresStorageException(string message, Exception? innerException, bool isTransient, string? sqlState)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        SqlState = sqlState;
    }

    /// <summary>True when trying again later may succeed (connection lost, server starting, serialisation failure).</summary>
    public bool IsTransient { get; }

    /// <summary>The PostgreSQL error code (SQLSTATE) when the server reported one.</summary>
    public string? SqlState { get; }
}
