namespace Serverless.Testing.Web;

/// <summary>A path of a host of <see cref="LoopbackWeb"/> waiting for its reply.</summary>
public sealed class PathRule
{
    private readonly HostRules _host;
    private readonly string _path;

    internal PathRule(HostRules host, string path) => (_host, _path) = (host, path);

    /// <summary>Sets the reply and returns the host, to chain the next path.</summary>
    public HostRules Respond(Reply reply) => _host.Set(_path, reply);
}
