namespace Serverless.Testing.Wayback;

/// <summary>One request the simulator received.</summary>
/// <param name="Method">GET, POST...</param>
/// <param name="RawTarget">The request target exactly as sent (path and query, still escaped).</param>
/// <param name="Path">The path, unescaped.</param>
/// <param name="Query">Query parameters decoded once (first value of each).</param>
/// <param name="Form">Form fields decoded once (POST only).</param>
/// <param name="Authorization">The Authorization header, if any.</param>
/// <param name="Accept">The Accept header, if any.</param>
public sealed record SimulatedRequest(
    string Method,
    string RawTarget,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    string? Authorization,
    string? Accept);
