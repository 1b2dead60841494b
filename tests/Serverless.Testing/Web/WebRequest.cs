namespace Serverless.Testing.Web;

/// <summary>What a <see cref="LoopbackWeb.Respond"/> function sees of a request.</summary>
public sealed record WebRequest(string Method, string Scheme, string Host, string Path, string Query)
{
    /// <summary>The request target exactly as the client sent it (path and query, percent-encoding untouched).</summary>
    public string RawTarget { get; init; } = Path + Query;
}
