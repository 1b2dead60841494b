using System.Net;

namespace Serverless.Web.Connections;

/// <summary>The parsed <see cref="SafeHttpOptions.ConnectTo"/> list. A rule for the exact host wins over a wildcard.</summary>
internal sealed class ConnectToTable(IEnumerable<ConnectToRule> rules)
{
    private readonly ConnectToRule[] _rules = [.. rules];

    public static ConnectToTable Empty { get; } = new([]);

    /// <summary>Builds the table from validated options.</summary>
    public static ConnectToTable From(SafeHttpOptions options) => new(options.ConnectTo.Select(entry =>
        ConnectToRule.TryParse(entry, out var rule, out var error)
            ? rule
            : throw new InvalidOperationException($"{SafeHttpOptions.SectionName}:ConnectTo entry '{entry}' {error}.")));

    public IPEndPoint? Find(string host, int port)
    {
        var bare = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        return (_rules.FirstOrDefault(r => r.Host != ConnectToRule.Wildcard && r.Matches(bare, port))
            ?? _rules.FirstOrDefault(r => r.Host == ConnectToRule.Wildcard && r.Matches(bare, port)))?.Target;
    }
}
