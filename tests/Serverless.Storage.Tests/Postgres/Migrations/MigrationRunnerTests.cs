using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Serverless.Storage.Postgres.Migrations;

namespace Serverless.Storage.Tests.Postgres.Migrations;

[Collection(PostgresCollection.Name)]
public sealed class MigrationRunnerTests(PostgresFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string[] AllVersions = ["0001_tenders", "0002_queue", "0003_links"];

    [Fact]
    public void LoadEmbedded_Always_ListsTheScriptsInNameOrder()
    {
        Assert.Equal(AllVersions, Migration.LoadEmbedded().Select(m => m.Version));
    }

    [Fact]
    public async Task RunAsync_AlreadyApplied_AppliesNothing()
    {
        var runner = fixture.Services.GetRequiredService<MigrationRunner>();

        // The fixture ran them (or services.sh did with psql): both leave the same records.
        Assert.Empty(await runner.RunAsync(None));
        Assert.Empty(await runner.RunAsync(None));
        Assert.Equal(AllVersions, await AppliedVersionsAsync(fixture.DataSource));
    }

    [Fact]
    public async Task RunAsync_FreshSchema_AppliesEachScriptOnceInOrder()
    {
        await using var schema = await fixture.CreateIsolatedSchemaAsync();
        var runner = new MigrationRunner(schema.DataSource, NullLogger<MigrationRunner>.Instance);

        Assert.Equal(AllVersions, await runner.RunAsync(None));
        Assert.Empty(await runner.RunAsync(None));

        Assert.Equal(AllVersions, await AppliedVersionsAsync(schema.DataSource));
        await using var tables = schema.DataSource.CreateCommand(
            "SELECT array_agg(table_name::text ORDER BY table_name COLLATE \"C\") FROM information_schema.tables WHERE table_schema = current_schema()");
        Assert.Equal(["link_report_chunks", "link_report_documents", "link_report_links", "link_report_urls", "link_reports", "links",
                      "queue_messages", "schema_migrations", "tender_cpvs", "tender_documents", "tenders", "timer_schedules", "wayback_save_requests"],
            (string[])(await tables.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task RunAsync_InstancesStartingTogether_ApplyEachScriptExactlyOnce()
    {
        await using var schema = await fixture.CreateIsolatedSchemaAsync();
        var runners = Enumerable.Range(0, 4).Select(_ => new MigrationRunner(schema.DataSource, NullLogger<MigrationRunner>.Instance));

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunAsync(None))));

        // Each script was applied by one runner; none failed on the others' work.
        Assert.Equal(AllVersions, applied.SelectMany(a => a).Order(StringComparer.Ordinal));
        Assert.Equal(AllVersions, await AppliedVersionsAsync(schema.DataSource));
    }

    private static async Task<string[]> AppliedVersionsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT array_agg(version ORDER BY version) FROM schema_migrations");
        return (string[])(await command.ExecuteScalarAsync())!;
    }
}
