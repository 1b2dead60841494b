using Serverless.Links.Checking;

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
        var plan = CheckPlan.Create(["https://a.test/", "tel:+33123456789"]);

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
}
