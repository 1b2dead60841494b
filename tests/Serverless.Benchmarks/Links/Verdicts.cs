using Serverless.Links.Checking;

namespace Serverless.Benchmarks.Links;

/// <summary>How each side's verdict, and each fate of the loopback web, maps onto <see cref="Verdict"/>.</summary>
internal static class Verdicts
{
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Ok => "ok",
        Verdict.RedirectOk => "redirect-ok",
        Verdict.Broken => "broken",
        Verdict.ServerError => "server-error",
        Verdict.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>Ours. Blocked and rate-limited say nothing about the page, like linkinator's SKIPPED; a timeout or a TLS
    /// failure is what linkinator calls BROKEN with status 0.</summary>
    public static Verdict Of(LinkCheckResult result) => result.Status switch
    {
        LinkStatus.Ok => Verdict.Ok,
        LinkStatus.Redirected => Verdict.RedirectOk,
        LinkStatus.Broken or LinkStatus.Timeout or LinkStatus.TlsError => Verdict.Broken,
        LinkStatus.ServerError => Verdict.ServerError,
        LinkStatus.Blocked or LinkStatus.RateLimited or LinkStatus.Skipped => Verdict.Skipped,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Status, null),
    };

    /// <summary>Linkinator's. It follows redirects itself and reports the final status, so a redirect shows only as its
    /// warning event; BROKEN covers every other non-2xx answer, 5xx included.</summary>
    public static Verdict Of(LinkinatorLink link) => link.State switch
    {
        "OK" => link.Redirected ? Verdict.RedirectOk : Verdict.Ok,
        "SKIPPED" => Verdict.Skipped,
        "BROKEN" => link.Status is >= 500 and <= 599 ? Verdict.ServerError : Verdict.Broken,
        _ => throw new ArgumentOutOfRangeException(nameof(link), link.State, "linkinator states are OK, BROKEN and SKIPPED."),
    };

    /// <summary>What a checker that can tell should say of a link, from what the server does with it.</summary>
    public static Verdict Expected(LinkFate fate) => fate switch
    {
        LinkFate.Ok or LinkFate.HeadNotAllowed or LinkFate.HeadLies => Verdict.Ok,
        LinkFate.NotFound or LinkFate.Gone => Verdict.Broken,
        LinkFate.MovedPermanently or LinkFate.Found => Verdict.RedirectOk,
        LinkFate.ServerError => Verdict.ServerError,
        LinkFate.Challenge or LinkFate.RateLimited => Verdict.Skipped,
        _ => throw new ArgumentOutOfRangeException(nameof(fate), fate, null),
    };

    /// <summary>
    /// Where the two differ by design rather than by mistake: linkinator without <c>--retry</c> reports a 429 as BROKEN
    /// (with <c>--retry</c> it waits for the Retry-After, an hour here), while ours says rate-limited, which says nothing
    /// of the page.
    /// </summary>
    public static string? ByDesign(LinkCheckResult ours, LinkinatorLink theirs) =>
        ours.Status == LinkStatus.RateLimited && theirs is { State: "BROKEN", Status: 429 } ? "429: linkinator broken, ours rate-limited" : null;
}
