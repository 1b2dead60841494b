using Microsoft.Extensions.Options;

namespace Serverless.Links.Checking;

/// <summary>Start-up validation of <see cref="LinkCheckerOptions"/>. Every message names the setting and how to fix it.</summary>
public sealed class LinkCheckerOptionsValidator : IValidateOptions<LinkCheckerOptions>
{
    /// <summary>More redirects than browsers follow (Chrome and Firefox stop at 20) is never a page.</summary>
    internal const int RedirectCeiling = 20;

    /// <summary>Beyond this the checker would mostly measure its own patience.</summary>
    internal const int RetryCeiling = 10;

    public ValidateOptionsResult Validate(string? name, LinkCheckerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var section = LinkCheckerOptions.SectionName;

        if (options.MaxConcurrency < 1)
        {
            problems.Add($"{section}:MaxConcurrency must be at least 1 (default {LinkCheckerOptions.DefaultMaxConcurrency}); it is {options.MaxConcurrency}.");
        }

        if (options.HostConcurrency < 1)
        {
            problems.Add($"{section}:HostConcurrency must be at least 1 (default {LinkCheckerOptions.DefaultHostConcurrency}); it is {options.HostConcurrency}.");
        }

        if (options.HostRequestInterval < TimeSpan.Zero)
        {
            problems.Add($"{section}:HostRequestInterval must not be negative (for example '00:00:00.050'); it is '{options.HostRequestInterval}'.");
        }

        if (options.MaxRedirects is < 0 or > RedirectCeiling)
        {
            problems.Add($"{section}:MaxRedirects must be between 0 and {RedirectCeiling}; it is {options.MaxRedirects}.");
        }

        if (options.MaxRetries is < 0 or > RetryCeiling)
        {
            problems.Add($"{section}:MaxRetries must be between 0 and {RetryCeiling}; it is {options.MaxRetries}.");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            problems.Add($"{section}:RetryDelay must not be negative (for example '00:00:01'); it is '{options.RetryDelay}'.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add($"{section}:MaxRetryAfter must not be negative (for example '00:01:00'); it is '{options.MaxRetryAfter}'.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            problems.Add($"{section}:Timeout must be positive (for example '00:00:20'); it is '{options.Timeout}'.");
        }

        if (options.MaxBodyBytes < 0)
        {
            problems.Add($"{section}:MaxBodyBytes must not be negative (0 reads no body); it is {options.MaxBodyBytes}.");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent) || options.UserAgent.Any(c => c < ' ' || c > '~'))
        {
            problems.Add($"{section}:UserAgent must be printable ASCII on one line, like a browser's; it is '{options.UserAgent}'.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
