using Npgsql;
using NpgsqlTypes;
using Serverless.Links.Checking;
using Serverless.Links.History;

namespace Serverless.Storage.Postgres.Links;

/// <summary>Reads and applies a URL's history inside a caller's transaction, row-locked, so concurrent checks of the same URL
/// (two reports, a report and a re-check) apply one after the other and no failure is counted twice or lost.</summary>
internal static class LinkHistorySql
{
    public const string Columns = """
        url, first_seen, last_checked, last_status, last_http_status, consecutive_failures, last_failure_at, dead,
        archive_url, next_check_at
        """;

    private const string EnsureSql = "INSERT INTO links (url, first_seen) VALUES (@url, @now) ON CONFLICT (url) DO NOTHING";

    private const string LockSql = $"SELECT {Columns} FROM links WHERE url = @url FOR UPDATE";

    private const string UpdateSql = """
        UPDATE links SET last_checked = @last_checked, last_status = @last_status, last_http_status = @last_http_status,
            consecutive_failures = @consecutive_failures, last_failure_at = @last_failure_at, dead = @dead,
            next_check_at = @next_check_at
        WHERE url = @url
        """;

    public static async Task<LinkHistoryEntry> ApplyCheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        LinkCheckResult check, LinkHistoryOptions rules, CancellationToken cancellationToken)
    {
        await using (var ensure = new NpgsqlCommand(EnsureSql, connection, transaction))
        {
            ensure.Parameters.Add(new NpgsqlParameter<string>("url", check.Url));
            ensure.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", check.CheckedAt.ToUniversalTime()));
            await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        LinkHistoryEntry previous;
        await using (var select = new NpgsqlCommand(LockSql, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("url", check.Url));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            previous = Read(reader);
        }

        var next = LinkHistoryRules.Apply(previous, check, rules);
        await using (var update = new NpgsqlCommand(UpdateSql, connection, transaction))
        {
            var p = update.Parameters;
            p.Add(new NpgsqlParameter<string>("url", next.Url));
            p.Add(Time("last_checked", next.LastChecked));
            p.Add(Text("last_status", next.LastStatus?.ToName()));
            p.Add(new NpgsqlParameter("last_http_status", NpgsqlDbType.Integer) { Value = (object?)next.LastHttpStatus ?? DBNull.Value });
            p.Add(new NpgsqlParameter<int>("consecutive_failures", next.ConsecutiveFailures));
            p.Add(Time("last_failure_at", next.LastFailureAt));
            p.Add(new NpgsqlParameter<bool>("dead", next.Dead));
            p.Add(Time("next_check_at", next.NextCheckAt));
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return next;
    }

    /// <summary>Reads a row selected with <see cref="Columns"/> (at ordinal <paramref name="offset"/> onwards).</summary>
    public static LinkHistoryEntry Read(NpgsqlDataReader reader, int offset = 0) => new()
    {
        Url = reader.GetString(offset),
        FirstSeen = Utc(reader.GetDateTime(offset + 1)),
        LastChecked = reader.IsDBNull(offset + 2) ? null : Utc(reader.GetDateTime(offset + 2)),
        LastStatus = reader.IsDBNull(offset + 3) ? null : ParseStatus(reader.GetString(offset + 3)),
        LastHttpStatus = reader.IsDBNull(offset + 4) ? null : reader.GetInt32(offset + 4),
        ConsecutiveFailures = reader.GetInt32(offset + 5),
        LastFailureAt = reader.IsDBNull(offset + 6) ? null : Utc(reader.GetDateTime(offset + 6)),
        Dead = reader.GetBoolean(offset + 7),
        ArchiveUrl = reader.IsDBNull(offset + 8) ? null : reader.GetString(offset + 8),
        NextCheckAt = reader.IsDBNull(offset + 9) ? null : Utc(reader.GetDateTime(offset + 9)),
    };

    public static LinkStatus ParseStatus(string name) =>
        LinkStatusNames.TryParse(name, out var status) ? status : throw new InvalidDataException($"Unknown link status '{name}' in the database.");

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)Clean(value) ?? DBNull.Value };

    /// <summary>PostgreSQL text cannot hold U+0000, which documents and file names may contain: it becomes U+FFFD, as a
    /// browser shows it, instead of failing the whole write.</summary>
    public static string? Clean(string? value) =>
        value is not null && value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value;

    public static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = (object?)value?.ToUniversalTime() ?? DBNull.Value };
}
