using Serverless.Links.Checking;

namespace Serverless.Links.Tests.Checking;

public sealed class LinkCheckerOptionsValidatorTests
{
    private readonly LinkCheckerOptionsValidator _validator = new();

    [Fact]
    public void Defaults_AreLycheesWhereItHasOne()
    {
        // lychee: --max-concurrency 128, --host-concurrency 10, --host-request-interval 50 ms, --max-redirects 10,
        // --max-retries 3, --retry-wait-time 1 s, --timeout 20 s.
        var options = new LinkCheckerOptions();

        Assert.Equal(128, options.MaxConcurrency);
        Assert.Equal(10, options.HostConcurrency);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.HostRequestInterval);
        Assert.Equal(10, options.MaxRedirects);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxRetryAfter);
        Assert.Equal(16384, options.MaxBodyBytes);
        Assert.StartsWith("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", options.UserAgent);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EveryBadValue_IsReportedTogetherNamingItsKey()
    {
        var options = new LinkCheckerOptions
        {
            MaxConcurrency = 0,
            HostConcurrency = 0,
            HostRequestInterval = TimeSpan.FromSeconds(-1),
            MaxRedirects = 21,
            MaxRetries = -1,
            RetryDelay = TimeSpan.FromSeconds(-1),
            MaxRetryAfter = TimeSpan.FromSeconds(-1),
            Timeout = TimeSpan.Zero,
            MaxBodyBytes = -1,
            UserAgent = "Bot\r\nX-Injected: 1",
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            ["MaxConcurrency", "HostConcurrency", "HostRequestInterval", "MaxRedirects", "MaxRetries", "RetryDelay", "MaxRetryAfter", "Timeout", "MaxBodyBytes", "UserAgent"],
            result.Failures!.Select(f => f["LinkChecker:".Length..f.IndexOf(' ', StringComparison.Ordinal)]));
    }
}
