namespace Serverless.Testing.Web;

/// <summary>The replies of one host of <see cref="LoopbackWeb"/>, path by path.</summary>
public sealed class HostRules
{
    private readonly Dictionary<string, Reply> _paths = new(StringComparer.Ordinal);
    private Reply? _anyPath;

    /// <summary>Starts the rule for <paramref name="path"/> (decoded, with the query string if it should match).</summary>
    public PathRule Path(string path) => new(this, path);

    /// <summary>The reply for every path without its own rule.</summary>
    public HostRules Respond(Reply reply)
    {
        lock (_paths)
        {
            _anyPath = reply;
        }

        return this;
    }

    internal HostRules Set(string path, Reply reply)
    {
        lock (_paths)
        {
            _paths[path] = reply;
        }

        return this;
    }

    internal Reply? Find(string path, string pathAndQuery)
    {
        lock (_paths)
        {
            return _paths.GetValueOrDefault(pathAndQuery) ?? _paths.GetValueOrDefault(path) ?? _anyPath;
        }
    }
}
