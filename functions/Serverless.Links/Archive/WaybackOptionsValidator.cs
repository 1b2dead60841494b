using Microsoft.Extensions.Options;

namespace Serverless.Links.Archive;

/// <summary>Start-up validation of <see cref="WaybackOptions"/>. Every message names the setting and how to fix it;
/// none repeats a key's value.</summary>
public sealed class WaybackOptionsValidator : IValidateOptions<WaybackOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WaybackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var section = WaybackOptions.SectionName;

        CheckBaseUrl(problems, $"{section}:AvailabilityBaseUrl", options.AvailabilityBaseUrl, WaybackOptions.DefaultAvailabilityBaseUrl);
        CheckBaseUrl(problems, $"{section}:WebBaseUrl", options.WebBaseUrl, WaybackOptions.DefaultWebBaseUrl);

        // One key without the other is a half-done set-up: saying so beats silently never saving.
        if (string.IsNullOrWhiteSpace(options.AccessKey) != string.IsNullOrWhiteSpace(options.SecretKey))
        {
            problems.Add($"{section}:AccessKey and {section}:SecretKey must be set together (the archive.org S3 keys) or both left empty to never request saves.");
        }

        CheckPositive(problems, $"{section}:SaveWindow", options.SaveWindow, "'7.00:00:00'");
        CheckPositive(problems, $"{section}:StatusPollInterval", options.StatusPollInterval, "'00:00:05'");
        CheckPositive(problems, $"{section}:Timeout", options.Timeout, "'00:00:10'");
        if (options.StatusPollTimeout < TimeSpan.Zero)
        {
            problems.Add($"{section}:StatusPollTimeout must not be negative (for example '00:02:00'); it is '{options.StatusPollTimeout}'.");
        }

        foreach (var entry in options.ArchiveHosts)
        {
            if (ArchiveLinkMatcher.ParseEntry(entry) is null)
            {
                problems.Add($"{section}:ArchiveHosts entry '{entry}' is not a host name with an optional path, like 'web.archive.org' or 'archive.org/web/'.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckBaseUrl(List<string> problems, string setting, string? value, string example)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{setting} must be an absolute http(s) URL like '{example}'; it is '{value}'.");
        }
        else if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problems.Add($"{setting} must be a base URL without query or fragment, like '{example}'; it is '{value}'.");
        }
    }

    private static void CheckPositive(List<string> problems, string setting, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{setting} must be positive (for example {example}); it is '{value}'.");
        }
    }
}
