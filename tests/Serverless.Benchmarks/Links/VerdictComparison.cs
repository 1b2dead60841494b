using Serverless.Benchmarks.Support;
using Serverless.Links.Checking;

namespace Serverless.Benchmarks.Links;

/// <summary>
/// The <c>link-verdicts</c> figure: both checkers' verdicts on the same links, mapped onto <see cref="Verdict"/>, side by
/// side, and each against what the server did with the link (its <see cref="LinkFate"/>). Cases that differ by design
/// (<see cref="Verdicts.ByDesign"/>) are counted apart; every other disagreement is a bug on one side or the other.
/// </summary>
internal static class VerdictComparison
{
    private const int ShownGroups = 3;

    public static Figure Compare(LinkSite site, int links, IReadOnlyDictionary<string, LinkCheckResult> ours, IReadOnlyDictionary<string, LinkinatorLink>? theirs, string? unavailable)
    {
        int oursRight = 0, theirsRight = 0, agree = 0, compared = 0, byDesign = 0;
        var disagreements = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < links; i++)
        {
            var url = site.Url(i);
            var fate = site.FateOf(i);
            var expected = Verdicts.Expected(fate);
            var mine = ours.TryGetValue(url, out var found) ? found : throw new InvalidOperationException($"Our checker gave no result for {url}.");
            var myVerdict = Verdicts.Of(mine);
            if (myVerdict == expected)
            {
                oursRight++;
            }
            else
            {
                BenchContext.Log($"ours is wrong on {url} ({fate}): {myVerdict.Name()} ({mine.Status.ToName()}, HTTP {mine.HttpStatus}, {mine.Detail}), expected {expected.Name()}");
            }

            if (theirs is null)
            {
                continue;
            }

            var their = theirs.TryGetValue(url, out var reported) ? reported : throw new InvalidOperationException($"linkinator gave no result for {url}.");
            if (Verdicts.ByDesign(mine, their) is { } reason)
            {
                byDesign++;
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                continue;
            }

            compared++;
            var theirVerdict = Verdicts.Of(their);
            theirsRight += theirVerdict == expected ? 1 : 0;
            if (myVerdict == theirVerdict)
            {
                agree++;
                continue;
            }

            var key = $"ours {myVerdict.Name()}, linkinator {theirVerdict.Name()} ({fate})";
            var (count, example) = disagreements.GetValueOrDefault(key, (0, url));
            disagreements[key] = (count + 1, example);
            BenchContext.Log($"disagree on {url} ({fate}): ours {mine.Status.ToName()} (HTTP {mine.HttpStatus}, {mine.Detail}), linkinator {their.State} {their.Status}{(their.Redirected ? " after a redirect" : "")}");
        }

        if (theirs is null)
        {
            // Still a check of ours: every link's verdict is known beforehand from what the server does with it.
            return new Figure("link-verdicts", oursRight, links, "links", new Target.All())
            {
                Text = $"skipped: linkinator unavailable ({unavailable}); ours right by the server's fates on {oursRight} of {links}",
            };
        }

        var groups = disagreements.OrderByDescending(d => d.Value.Count).Take(ShownGroups).Select(d => $"{d.Value.Count} x {d.Key}, e.g. {d.Value.Example}");
        var detail = disagreements.Count == 0 ? "" : ": " + string.Join("; ", groups) + (disagreements.Count > ShownGroups ? "; ..." : "");
        var designed = byDesign == 0 ? "" : $"; differ by design {byDesign} ({string.Join(", ", reasons.Select(r => $"{r.Value} x {r.Key}"))})";
        return new Figure("link-verdicts", agree, compared, "links", new Target.All())
        {
            Text = $"agree {agree} of {compared} (disagree {compared - agree}{detail}){designed}; right by the server's fates: ours {oursRight} of {links}, linkinator {theirsRight} of {compared}",
        };
    }
}
