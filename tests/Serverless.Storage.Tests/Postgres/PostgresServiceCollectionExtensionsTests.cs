using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Serverless.Host.Queues;
using Serverless.Storage.Postgres;
using Serverless.Storage.Postgres.Queues;
using Serverless.Storage.Postgres.Tenders;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServiceCollectionExtensionsTests(PostgresFixture fixture)
{
    [Fact]
    public async Task AddPostgresStorage_HostStarts_MigratesAndServesBothStores()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(LocalServices.Configuration);
        builder.Services.AddPostgresStorage();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            Assert.IsType<PostgresTenderStore>(host.Services.GetRequiredService<ITenderStore>());
            var queues = Assert.IsType<PostgresQueueStore>(host.Services.GetRequiredService<IQueueStore>());
            Assert.Same(host.Services.GetRequiredService<PostgresQueueStore>(), queues);
            await using var command = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM schema_migrations");
            Assert.Equal(3L, await command.ExecuteScalarAsync()); // 0001_tenders, 0002_queue, 0003_links
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void AddPostgresStorage_ConnectionString_ComesFromConnectionStringsPostgres()
    {
        Assert.Equal(fixture.ConnectionString, fixture.Services.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString);
    }

    [Fact]
    public async Task AddPostgresStorage_NoConnectionString_FailsStartUpSayingWhatToSet()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPostgresStorage();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionStrings__Postgres", e.Message);
    }
}
