namespace Serverless.Benchmarks.Links;

/// <summary>One link as linkinator reported it: its state (<c>OK</c>, <c>BROKEN</c>, <c>SKIPPED</c>), the final status
/// code (0 when no answer came), and whether it emitted a redirect warning for it (<c>redirects: 'warn'</c>).</summary>
internal sealed record LinkinatorLink(string Url, int Status, string State, bool Redirected);
