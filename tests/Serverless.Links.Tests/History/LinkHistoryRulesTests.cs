using Serverless.Links.Checking;
using Serverless.Links.History;

namespace Serverless.Links.Tests.History;

public sealed class LinkHistoryRulesTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly LinkHistoryOptions Rules = new(); // 3 failures, 20 h apart, re-check 7 d / 1 d

    private static LinkCheckResult Check(LinkStatus status, DateTimeOffset at) =>
        new() { Url = "http://example.org/a", Status = status, CheckedAt = at };

    [Fact]
    public void Apply_ThreeFailuresOnThreeDays_DeadOnTheThird()
    {
        var first = LinkHistoryRules.Apply(null, Check(LinkStatus.Broken, Day0), Rules);
        var second = LinkHistoryRules.Apply(first, Check(LinkStatus.Timeout, Day0.AddDays(1)), Rules);
        var third = LinkHistoryRules.Apply(second, Check(LinkStatus.ServerError, Day0.AddDays(2)), Rules);

        Assert.Equal((1, false), (first.ConsecutiveFailures, first.Dead));
        Assert.Equal((2, false), (second.ConsecutiveFailures, second.Dead));
        Assert.Equal((3, true), (third.ConsecutiveFailures, third.Dead));
        Assert.Equal(Day0, third.FirstSeen);
        Assert.Equal(Day0.AddDays(2), third.LastFailureAt);
        Assert.Equal(Day0.AddDays(3), third.NextCheckAt);
    }

    [Fact]
    public void Apply_FailuresWithinTheSpacing_CountOnce()
    {
        var first = LinkHistoryRules.Apply(null, Check(LinkStatus.Broken, Day0), Rules);
        var soon = LinkHistoryRules.Apply(first, Check(LinkStatus.Broken, Day0.AddHours(1)), Rules);
        var sooner = LinkHistoryRules.Apply(soon, Check(LinkStatus.TlsError, Day0.AddHours(19)), Rules);

        Assert.Equal(1, sooner.ConsecutiveFailures);
        Assert.False(sooner.Dead);
        Assert.Equal(Day0, sooner.LastFailureAt);
        Assert.Equal(LinkStatus.TlsError, sooner.LastStatus);
    }

    [Fact]
    public void Apply_SuccessAfterDeath_RevivesAndClears()
    {
        var dead = new LinkHistoryEntry { Url = "http://example.org/a", FirstSeen = Day0, ConsecutiveFailures = 3, Dead = true, LastFailureAt = Day0.AddDays(2), ArchiveUrl = "https://web.archive.org/web/2014/http://example.org/a" };

        var revived = LinkHistoryRules.Apply(dead, Check(LinkStatus.Redirected, Day0.AddDays(3)), Rules);

        Assert.False(revived.Dead);
        Assert.Equal(0, revived.ConsecutiveFailures);
        Assert.Null(revived.LastFailureAt);
        Assert.Equal("https://web.archive.org/web/2014/http://example.org/a", revived.ArchiveUrl);
        Assert.Equal(Day0.AddDays(10), revived.NextCheckAt);
    }

    [Theory]
    [InlineData(LinkStatus.Blocked)]
    [InlineData(LinkStatus.RateLimited)]
    [InlineData(LinkStatus.Skipped)]
    public void Apply_InconclusiveCheck_LeavesTheCountAlone(LinkStatus status)
    {
        var failing = new LinkHistoryEntry { Url = "http://example.org/a", FirstSeen = Day0, ConsecutiveFailures = 2, LastFailureAt = Day0.AddDays(1) };

        var next = LinkHistoryRules.Apply(failing, Check(status, Day0.AddDays(2)), Rules);

        Assert.Equal(2, next.ConsecutiveFailures);
        Assert.Equal(Day0.AddDays(1), next.LastFailureAt);
        Assert.False(next.Dead);
        Assert.Equal(status, next.LastStatus);
        Assert.Equal(Day0.AddDays(3), next.NextCheckAt);
    }

    [Fact]
    public void Apply_OneFailureRuleWithoutSpacing_DeadAtOnce()
    {
        var rules = new LinkHistoryOptions { DeadAfterFailures = 1, MinFailureSpacing = TimeSpan.Zero };

        var entry = LinkHistoryRules.Apply(null, Check(LinkStatus.Broken, Day0), rules);

        Assert.True(entry.Dead);
        Assert.Equal(1, entry.ConsecutiveFailures);
    }
}
