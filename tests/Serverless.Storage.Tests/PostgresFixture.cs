using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serverless.Host.Queues;
using Serverless.Storage.Postgres;
using Serverless.Storage.Postgres.Migrations;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Tests;

/// <summary>
/// The PostgreSQL of infra/local/services.sh, wired as the application wires it (AddPostgresStorage) and
/// migrated once. Tests share its database and keep apart by unique names (queues, SHA-256s), or work in a
/// schema of their own (<see cref="CreateIsolatedSchemaAsync"/>) when they need exact counts.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Fixture not initialised.");

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public ITenderStore Tenders => Services.GetRequiredService<ITenderStore>();

    public IQueueStore Queues => Services.GetRequiredService<IQueueStore>();

    public string ConnectionString => LocalServices.Configuration.GetConnectionString(PostgresOptions.ConnectionName)!;

    public async Task InitializeAsync()
    {
        LocalServices.Require($"ConnectionStrings:{PostgresOptions.ConnectionName}");
        _services = new ServiceCollection()
            .AddSingleton(LocalServices.Configuration)
            .AddLogging()
            .AddPostgresStorage()
            .BuildServiceProvider();
        try
        {
            await Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
        }
        catch (PostgresStorageException e)
        {
            throw LocalServices.Unreachable("PostgreSQL", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>A new schema, first on the search path of its own data source, with the migrations applied; dropped on dispose.</summary>
    public async Task<IsolatedSchema> CreateIsolatedSchemaAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var create = DataSource.CreateCommand($"CREATE SCHEMA {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        // public stays on the path for pg_trgm's operator classes, installed there once per database.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = $"{name},public" };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        return new IsolatedSchema(name, dataSource, DataSource);
    }
}

/// <summary>A throw-away schema for tests that must see only their own rows.</summary>
public sealed class IsolatedSchema(string name, NpgsqlDataSource dataSource, NpgsqlDataSource admin) : IAsyncDisposable
{
    public string Name { get; } = name;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var drop = admin.CreateCommand($"DROP SCHEMA {Name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
