using System.Text;
using Npgsql;
using NpgsqlTypes;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Postgres.Tenders;

/// <summary>
/// The SQL of one <see cref="TenderQuery"/>: a WHERE clause of the given filters (AND) with their parameters,
/// and the ordering. User input only ever travels as parameters.
/// </summary>
internal sealed class TenderSearchSql
{
    // A row matches a text query in its own language (stemmed) or word for word ('simple'). Written as one arm
    // per configuration with constant configurations, rather than websearch_to_tsquery(t.config, @text), so that
    // each arm can use the GIN index on search (a query computed per row cannot).
    private static readonly string TextFilter = BuildTextFilter();

    private const string Rank =
        "ts_rank(t.search, websearch_to_tsquery(t.config, @text) || websearch_to_tsquery('simple'::regconfig, @text))";

    private readonly string _where;
    private readonly bool _hasText;
    private readonly List<Func<NpgsqlParameter>> _parameters;

    private TenderSearchSql(string where, bool hasText, List<Func<NpgsqlParameter>> parameters)
    {
        _where = where;
        _hasText = hasText;
        _parameters = parameters;
    }

    public static TenderSearchSql Build(TenderQuery query)
    {
        var filters = new List<string>();
        var parameters = new List<Func<NpgsqlParameter>>();

        if (!string.IsNullOrWhiteSpace(query.Cpv))
        {
            var prefix = EscapeLike(query.Cpv.Trim()) + "%";
            filters.Add(@"t.id IN (SELECT c.tender_id FROM tender_cpvs c WHERE c.cpv LIKE @cpv ESCAPE '\')");
            parameters.Add(() => new NpgsqlParameter<string>("cpv", NpgsqlDbType.Text) { TypedValue = prefix });
        }

        if (!string.IsNullOrWhiteSpace(query.Buyer))
        {
            var pattern = "%" + EscapeLike(query.Buyer.Trim()) + "%";
            filters.Add(@"t.buyer_name ILIKE @buyer ESCAPE '\'");
            parameters.Add(() => new NpgsqlParameter<string>("buyer", NpgsqlDbType.Text) { TypedValue = pattern });
        }

        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            var country = query.Country.Trim();
            filters.Add("upper(t.buyer_country) = upper(@country)");
            parameters.Add(() => new NpgsqlParameter<string>("country", NpgsqlDbType.Text) { TypedValue = country });
        }

        if (query.DeadlineFrom is { } from)
        {
            filters.Add("t.deadline >= @deadline_from");
            parameters.Add(() => new NpgsqlParameter<DateTimeOffset>("deadline_from", NpgsqlDbType.TimestampTz) { TypedValue = from.ToUniversalTime() });
        }

        if (query.DeadlineTo is { } to)
        {
            filters.Add("t.deadline <= @deadline_to");
            parameters.Add(() => new NpgsqlParameter<DateTimeOffset>("deadline_to", NpgsqlDbType.TimestampTz) { TypedValue = to.ToUniversalTime() });
        }

        var hasText = !string.IsNullOrWhiteSpace(query.Text);
        if (hasText)
        {
            var text = query.Text!.Trim();
            filters.Add(TextFilter);
            parameters.Add(() => new NpgsqlParameter<string>("text", NpgsqlDbType.Text) { TypedValue = text });
        }

        var where = filters.Count == 0 ? "" : "WHERE " + string.Join("\n  AND ", filters);
        return new TenderSearchSql(where, hasText, parameters);
    }

    public NpgsqlBatchCommand CountCommand() => WithParameters(new NpgsqlBatchCommand($"SELECT count(*) FROM tenders t {_where}"));

    /// <summary>Best text match first, then the nearest deadline (none last); the id makes pages stable.</summary>
    public NpgsqlBatchCommand PageCommand(long offset, int limit)
    {
        var order = _hasText ? $"{Rank} DESC, t.deadline ASC NULLS LAST, t.id" : "t.deadline ASC NULLS LAST, t.id";
        var command = WithParameters(new NpgsqlBatchCommand(
            $"SELECT t.record::text FROM tenders t {_where}\nORDER BY {order}\nLIMIT @limit OFFSET @offset"));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        command.Parameters.Add(new NpgsqlParameter<long>("offset", offset));
        return command;
    }

    private NpgsqlBatchCommand WithParameters(NpgsqlBatchCommand command)
    {
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(parameter());
        }

        return command;
    }

    private static string BuildTextFilter()
    {
        var sql = new StringBuilder("(t.search @@ websearch_to_tsquery('simple'::regconfig, @text)");
        foreach (var configuration in TextSearchConfigurations.Stemming)
        {
            // Constants from our own table, never user input.
            sql.Append($"\n    OR (t.config = '{configuration}'::regconfig AND t.search @@ websearch_to_tsquery('{configuration}'::regconfig, @text))");
        }

        return sql.Append(')').ToString();
    }

    /// <summary>Makes <c>%</c>, <c>_</c> and the escape character itself match literally.</summary>
    internal static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
