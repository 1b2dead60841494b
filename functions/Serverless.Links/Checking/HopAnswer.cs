using Serverless.Links.Ports;

namespace Serverless.Links.Checking;

/// <summary>What asking one URL came to, after the HEAD to GET fallback and the retries.</summary>
/// <param name="Response">The answer believed: the GET's after a fallback; null when the host refused the turn.</param>
/// <param name="Trail">How the answer came about when HEAD was not believed (<c>HEAD 405, GET 200</c>); else null.</param>
/// <param name="Note">Why a retry was not attempted, when that matters to the reader; else null.</param>
/// <param name="RefusedUntil">Set when no request was sent because the host asked not to be asked before then.</param>
internal sealed record HopAnswer(LinkResponse? Response, string? Trail, string? Note, DateTimeOffset? RefusedUntil);
