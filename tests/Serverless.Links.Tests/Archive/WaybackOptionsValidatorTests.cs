using Serverless.Links.Archive;

namespace Serverless.Links.Tests.Archive;

public sealed class WaybackOptionsValidatorTests
{
    private readonly WaybackOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(null, new WaybackOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var options = new WaybackOptions();

        Assert.Equal("https://archive.org", options.AvailabilityBaseUrl);
        Assert.Equal("https://web.archive.org", options.WebBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Equal(TimeSpan.FromDays(7), options.SaveWindow);
        Assert.Null(options.AccessKey);
        Assert.Null(options.SecretKey);
        Assert.False(options.HasKeys);
        Assert.Contains("web.archive.org", options.ArchiveHosts);
        Assert.Contains("web-wp.archive.org", options.ArchiveHosts);
    }

    [Fact]
    public void Validate_OnlyTheSecretKey_FailsNamingBothSettingsWithoutTheValue()
    {
        var result = _validator.Validate(null, new WaybackOptions { SecretKey = "s3cr3t-value" });

        Assert.True(result.Failed);
        Assert.Contains("Wayback:AccessKey", result.FailureMessage);
        Assert.Contains("Wayback:SecretKey", result.FailureMessage);
        Assert.DoesNotContain("s3cr3t-value", result.FailureMessage);
    }

    [Fact]
    public void Validate_BothKeys_Succeeds()
    {
        var result = _validator.Validate(null, new WaybackOptions { AccessKey = "a", SecretKey = "b" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("archive.org")]
    [InlineData("ftp://archive.org")]
    [InlineData("https://archive.org/?x=1")]
    [InlineData("")]
    public void Validate_BadAvailabilityBaseUrl_FailsNamingTheSetting(string value)
    {
        var result = _validator.Validate(null, new WaybackOptions { AvailabilityBaseUrl = value });

        Assert.True(result.Failed);
        Assert.Contains("Wayback:AvailabilityBaseUrl", result.FailureMessage);
    }

    [Fact]
    public void Validate_BadWebBaseUrl_FailsNamingTheSetting()
    {
        var result = _validator.Validate(null, new WaybackOptions { WebBaseUrl = "web.archive.org" });

        Assert.True(result.Failed);
        Assert.Contains("Wayback:WebBaseUrl", result.FailureMessage);
    }

    [Fact]
    public void Validate_NonPositiveDurations_FailsNamingEachSetting()
    {
        var result = _validator.Validate(null, new WaybackOptions
        {
            SaveWindow = TimeSpan.Zero,
            StatusPollInterval = TimeSpan.FromSeconds(-1),
            StatusPollTimeout = TimeSpan.FromSeconds(-1),
            Timeout = TimeSpan.Zero,
        });

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains("Wayback:SaveWindow", result.FailureMessage);
        Assert.Contains("Wayback:StatusPollInterval", result.FailureMessage);
        Assert.Contains("Wayback:StatusPollTimeout", result.FailureMessage);
        Assert.Contains("Wayback:Timeout", result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://web.archive.org")]
    [InlineData("not a host/web/")]
    public void Validate_MalformedArchiveHost_FailsNamingTheEntry(string entry)
    {
        var options = new WaybackOptions();
        options.ArchiveHosts.Add(entry);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Wayback:ArchiveHosts", result.FailureMessage);
    }
}
