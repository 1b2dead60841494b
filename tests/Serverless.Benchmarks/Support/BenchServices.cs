using Minio;
using Minio.DataModel.Args;
using Npgsql;

namespace Serverless.Benchmarks.Support;

/// <summary>
/// The project's own PostgreSQL and S3 server (from <c>infra/local/services.sh env</c>), used through a schema and a
/// bucket of the benchmarks' own so that their rows and objects never mix with the application's. Both are emptied
/// before the run (a crashed earlier run may have left data) and after it.
/// </summary>
internal sealed class BenchServices : IAsyncDisposable
{
    /// <summary>The production migrations are applied here, in the same database as the application's tables.</summary>
    public const string Schema = "serverless_bench";

    private const string HowToStart = "Run the benchmarks with bash infra/local/bench.sh, or start the services and export their settings first: bash infra/local/services.sh up && eval \"$(bash infra/local/services.sh env)\".";

    private BenchServices(string connectionString, string bucket, IMinioClient minio)
    {
        ConnectionString = connectionString;
        Bucket = bucket;
        Minio = minio;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The application's connection string with the benchmark schema first on the search path.</summary>
    public string ConnectionString { get; }

    public string Bucket { get; }

    /// <summary>The same SDK and settings as the S3 adapter: the floor of the storage figures.</summary>
    public IMinioClient Minio { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Settings for a host of ours (in-process as command-line arguments, or for a child as environment).</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["ConnectionStrings__Postgres"] = ConnectionString,
        ["S3__Bucket"] = Bucket,
    };

    public static async Task<BenchServices> OpenAsync(CancellationToken cancellationToken)
    {
        var postgres = new NpgsqlConnectionStringBuilder(Require("ConnectionStrings__Postgres"))
        {
            // Tables are created in, and found in, the first schema; pg_trgm's operator classes stay in public.
            SearchPath = $"{Schema},public",
        };
        var endpoint = Require("S3__Endpoint").Split(':');
        var minio = new MinioClient()
            .WithEndpoint(endpoint[0], int.Parse(endpoint[1], System.Globalization.CultureInfo.InvariantCulture))
            .WithCredentials(Require("S3__AccessKey"), Require("S3__SecretKey"))
            .WithSSL(bool.TryParse(Environment.GetEnvironmentVariable("S3__UseSsl"), out var ssl) && ssl)
            .WithRegion(Environment.GetEnvironmentVariable("S3__Region") is { Length: > 0 } region ? region : "us-east-1")
            .Build();
        var services = new BenchServices(postgres.ConnectionString, Require("S3__Bucket") + "-bench", minio);
        await services.ResetAsync(cancellationToken).ConfigureAwait(false);
        return services;
    }

    /// <summary>An empty benchmark schema with the production migrations applied, and an empty benchmark bucket.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await DropSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = DataSource.CreateCommand($"CREATE SCHEMA {Schema}"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await new Serverless.Storage.Postgres.Migrations.MigrationRunner(DataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Serverless.Storage.Postgres.Migrations.MigrationRunner>.Instance)
            .RunAsync(cancellationToken).ConfigureAwait(false);

        if (!await Minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(Bucket), cancellationToken).ConfigureAwait(false))
        {
            await Minio.MakeBucketAsync(new MakeBucketArgs().WithBucket(Bucket), cancellationToken).ConfigureAwait(false);
        }

        await EmptyBucketAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveObjectAsync(string key, CancellationToken cancellationToken) =>
        await Minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(Bucket).WithObject(key), cancellationToken).ConfigureAwait(false);

    /// <summary>Leaves nothing behind: the schema dropped, the bucket emptied and removed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await DropSchemaAsync(CancellationToken.None).ConfigureAwait(false);
            await EmptyBucketAsync(CancellationToken.None).ConfigureAwait(false);
            await Minio.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(Bucket)).ConfigureAwait(false);
        }
        finally
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
            Minio.Dispose();
        }
    }

    private async Task DropSchemaAsync(CancellationToken cancellationToken)
    {
        await using var drop = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EmptyBucketAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var item in Minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(Bucket).WithRecursive(true), cancellationToken).ConfigureAwait(false))
        {
            keys.Add(item.Key);
        }

        // A few at a time: the ingestion benchmark leaves a few thousand small objects.
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (key, token) => await RemoveObjectAsync(key, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {variable} is not set. {HowToStart}");
}
