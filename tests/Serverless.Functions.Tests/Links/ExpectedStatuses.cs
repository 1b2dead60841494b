using Serverless.Testing;

namespace Serverless.Functions.Tests.Links;

/// <summary>The status the link checker must give each behaviour of the simulated web (see the status list).</summary>
internal static class ExpectedStatuses
{
    public static string Of(SimulatedFate fate) => fate switch
    {
        // HEAD refused or lying, GET 200: checked again with GET and believed.
        SimulatedFate.Ok or SimulatedFate.HeadNotAllowed or SimulatedFate.HeadLies => "ok",
        SimulatedFate.NotFound or SimulatedFate.Gone or SimulatedFate.Unreachable => "broken",
        SimulatedFate.MovedPermanently or SimulatedFate.Found => "redirected",
        SimulatedFate.ServerError => "server-error",
        SimulatedFate.Blocked => "blocked",
        SimulatedFate.RateLimited => "rate-limited",
        _ => throw new ArgumentOutOfRangeException(nameof(fate), fate, null),
    };
}
