namespace Serverless.Testing.Web;

/// <summary>One request <see cref="LoopbackWeb"/> received, as it arrived.</summary>
/// <param name="Method">GET, HEAD...</param>
/// <param name="Scheme">http or https: which listener took it.</param>
/// <param name="Host">The Host header without the port.</param>
/// <param name="Path">The decoded path, with the query string if any.</param>
/// <param name="Cookie">The Cookie header, or null.</param>
/// <param name="UserAgent">The User-Agent header, or null.</param>
/// <param name="At">When the request line arrived.</param>
public sealed record LoggedRequest(string Method, string Scheme, string Host, string Path, string? Cookie, string? UserAgent, DateTimeOffset At);
