using Microsoft.Extensions.Options;
using Npgsql;

namespace Serverless.Storage.Postgres;

/// <summary>Fails start-up with a message that says which setting to fix, without echoing the password.</summary>
internal sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    internal const string HowToSet =
        "set ConnectionStrings:Postgres (environment ConnectionStrings__Postgres), e.g. "
        + "Host=127.0.0.1;Port=54329;Database=serverless;Username=serverless;Password=...";

    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"No PostgreSQL connection string: {HowToSet}.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrEmpty(builder.Host))
            {
                return ValidateOptionsResult.Fail($"The PostgreSQL connection string has no Host: {HowToSet}.");
            }
        }
        catch (ArgumentException e)
        {
            // The exception text names the bad keyword, not the values.
            return ValidateOptionsResult.Fail($"The PostgreSQL connection string is malformed ({e.Message}): {HowToSet}.");
        }

        return ValidateOptionsResult.Success;
    }
}
