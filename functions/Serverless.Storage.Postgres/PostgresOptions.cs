namespace Serverless.Storage.Postgres;

/// <summary>
/// How to reach PostgreSQL. The connection string is the connection named <c>Postgres</c>
/// (<c>ConnectionStrings:Postgres</c>, environment <c>ConnectionStrings__Postgres</c>); the rest binds
/// from section <c>Postgres</c>. Checked at start-up by <see cref="PostgresOptionsValidator"/>.
/// </summary>
public sealed class PostgresOptions
{
    /// <summary>The configuration section of the settings other than the connection string.</summary>
    public const string SectionName = "Postgres";

    /// <summary>The name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionName = "Postgres";

    /// <summary>Npgsql connection string. Its password is never logged nor shown in error messages.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply the embedded migrations at start-up (default). Turn off where a deployment step applies
    /// them instead (e.g. psql as in infra/local/services.sh).
    /// </summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;
}
