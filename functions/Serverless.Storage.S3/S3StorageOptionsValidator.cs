using Microsoft.Extensions.Options;

namespace Serverless.Storage.S3;

/// <summary>Fails start-up with a message that says which setting to fix, without echoing secrets.</summary>
internal sealed class S3StorageOptionsValidator : IValidateOptions<S3StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StorageOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            problems.Add(Missing(nameof(S3StorageOptions.Endpoint), "host:port, e.g. 127.0.0.1:7480"));
        }
        else if (!S3Endpoint.TryParse(options.Endpoint, out _, out _, out var error))
        {
            problems.Add($"{S3StorageOptions.SectionName}:{nameof(S3StorageOptions.Endpoint)} '{options.Endpoint}' is invalid: {error}");
        }

        if (string.IsNullOrWhiteSpace(options.AccessKey))
        {
            problems.Add(Missing(nameof(S3StorageOptions.AccessKey), "the access key id"));
        }

        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            problems.Add(Missing(nameof(S3StorageOptions.SecretKey), "the secret key"));
        }

        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            problems.Add(Missing(nameof(S3StorageOptions.Bucket), "the bucket name, e.g. tenders"));
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            problems.Add(Missing(nameof(S3StorageOptions.Region), $"the signing region, e.g. {S3StorageOptions.DefaultRegion}"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string Missing(string setting, string what) =>
        $"{S3StorageOptions.SectionName}:{setting} is not set (environment {S3StorageOptions.SectionName}__{setting}): give {what}.";
}
