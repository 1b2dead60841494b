using Serverless.Links.Checking;
using Serverless.Links.Tests.Support;

namespace Serverless.Links.Tests.Checking;

public sealed class CheckPlanTests
{
    [Fact]
    public void Create_UrlsOfSeveralHosts_TakesOneOfEachHostInTurn()
    {
        var plan = CheckPlan.Create(
        [
            "https://big.test/1", "https://big.test/2", "https://big.test/3",
            "https://small.test/1", "https://other.test/1", "https://small.test/2",
        ]);

        Assert.Equal(
            ["https://big.test/1", "https://small.test/1", "https://other.test/1", "https://big.test/2", "https://small.test/2", "https://big.test/3"],
            plan.Select(p => p.Url!.AbsoluteUri));
    }

    [Fact]
    public void Create_SkippedUrls_ComeFirstWithTheirReason()
    {
        var plan = CheckPlan.Create(["https://a.test/", "tel:+33123456789"]).ToList();

        Assert.Equal("tel:+33123456789", plan[0].Inputs.Single());
        Assert.Null(plan[0].Url);
        Assert.Equal("not http(s): tel", plan[0].SkipReason);
        Assert.Equal("https://a.test/", plan[1].Url!.AbsoluteUri);
    }

    [Fact]
    public void Create_HostsDifferingOnlyInCase_AreOneHostAndOneRequest()
    {
        var plan = CheckPlan.Create(["https://A.test/x", "https://a.TEST/x"]);

        var check = Assert.Single(plan);
        Assert.Equal(["https://A.test/x", "https://a.TEST/x"], check.Inputs);
    }

    [Fact]
    public void Create_LongInput_IsReadOneWindowAheadOfTheTaker()
    {
        var urls = new CountingUrls(100_000, i => $"https://host{i % 7}.test/{i}");

        using var plan = CheckPlan.Create(urls, window: 3).GetEnumerator();
        var before = urls.Pulled;
        Assert.True(plan.MoveNext());
        var afterFirst = urls.Pulled;
        Assert.True(plan.MoveNext());
        var afterSecond = urls.Pulled;

        // Nothing is read until asked; the first take fills the window (3), each further take tops it up by one.
        Assert.Equal((0, 3, 4), (before, afterFirst, afterSecond));
    }

    [Fact]
    public void Create_WindowNarrowerThanTheInput_StillTakesHostsInTurnWithinIt()
    {
        // Window 4: b.test/1 is read before big.test/1 is taken, so it has the second turn; c.test/1 is read only when
        // the second item is taken, and joins the turns behind big.test, whose next turn comes first. (Planned whole, the
        // order would be big 1, b 1, c 1, big 2, big 3.)
        var plan = CheckPlan.Create(
            ["https://big.test/1", "https://big.test/2", "https://big.test/3", "https://b.test/1", "https://c.test/1"], window: 4);

        Assert.Equal(
            ["https://big.test/1", "https://b.test/1", "https://big.test/2", "https://c.test/1", "https://big.test/3"],
            plan.Select(p => p.Url!.AbsoluteUri));
    }

    [Fact]
    public void Create_InputRepeatedAfterTheFirstWindow_IsPlannedOnce()
    {
        var plan = CheckPlan.Create(["https://a.test/1", "https://b.test/1", "https://c.test/1", "https://a.test/1"], window: 2);

        Assert.Equal(["https://a.test/1", "https://b.test/1", "https://c.test/1"], plan.Select(p => p.Url!.AbsoluteUri));
    }

    [Fact]
    public void Create_FragmentSiblingAfterItsRequestWasTaken_SharesThatRequestAheadOfTheTurns()
    {
        // Window 2: #end is read when #top is taken; it needs no turn of a host, so it comes before b.test.
        var plan = CheckPlan.Create(["https://a.test/doc#top", "https://b.test/", "https://a.test/doc#end"], window: 2).ToList();

        Assert.Equal(3, plan.Count);
        Assert.Equal("https://a.test/doc#top", plan[0].Url!.OriginalString);
        Assert.Null(plan[1].Url);
        Assert.Equal(["https://a.test/doc#end"], plan[1].Inputs);
        Assert.Same(plan[0].Outcome, plan[1].Shared);
        Assert.Equal("https://b.test/", plan[2].Url!.OriginalString);
    }

    [Fact]
    public void Create_FragmentSiblingMoreThanAWindowOfRequestsLater_IsRequestedAgain()
    {
        // Window 1: only the last request taken is remembered, and b.test and c.test are taken between the two siblings.
        var plan = CheckPlan.Create(["https://a.test/doc#top", "https://b.test/", "https://c.test/", "https://a.test/doc#end"], window: 1).ToList();

        Assert.Equal(["https://a.test/doc#top", "https://b.test/", "https://c.test/", "https://a.test/doc#end"], plan.Select(p => p.Url!.OriginalString));
        Assert.All(plan, p => Assert.Null(p.Shared));
    }
}
