using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Serverless.Benchmarks.Functions;
using Serverless.Benchmarks.Servers;
using Serverless.Benchmarks.Support;
using Serverless.Host;
using Serverless.Host.Configuration;
using Serverless.Host.Queues;
using Serverless.Storage.Postgres;
using Serverless.Storage.Postgres.Queues;

namespace Serverless.Benchmarks.Benchmarks;

/// <summary>
/// The PostgreSQL queue. Throughput: messages enqueued in bulk, drained by the no-op queue function under the repository's
/// host.json, against the floor of one client running the store's own receive and complete statements back to back on one
/// connection (on another queue of the same table, so the host's listener leaves them alone). Latency: single messages
/// sent to the idle queue, from the enqueue call to the function's invocation, against a plain LISTEN connection's
/// notification of the same enqueue (what any consumer must wait at least).
/// </summary>
internal static class QueueBenchmark
{
    private const string FloorQueue = "bench-floor";
    private static readonly TimeSpan SettleWhenIdle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LatencyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    // One statement: the messages, then one notification (as many enqueues would send) once they are committed.
    private const string BulkEnqueueSql = """
        WITH batch AS (
            INSERT INTO queue_messages (queue, body, next_visible_time)
            SELECT $1, convert_to('m' || g, 'UTF8'), now() FROM generate_series(1, $2) AS g
            RETURNING id
        )
        SELECT pg_notify(serverless_queue_channel($1), (SELECT max(id) FROM batch)::text)
        """;

    private const string CountSql = "SELECT count(*) FROM queue_messages WHERE queue = $1";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var token = context.CancellationToken;
        var data = context.Services.DataSource;
        var probe = new QueueProbe();
        await using var host = await InProcessHost.StartAsync(
            context.Services,
            args => ServerlessApplication.CreateBuilder(args, [typeof(NoopQueueFunction)]),
            services => services.AddPostgresStorage().AddSingleton(probe),
            token);
        var queues = host.Services.GetRequiredService<IOptions<HostJsonOptions>>().Value.Queues;
        var perRound = context.Settings.QueueMessages / context.Settings.Rounds;

        async Task<double> Ours(int round)
        {
            var before = probe.Invocations;
            await BulkEnqueueAsync(data, NoopQueueFunction.QueueName, perRound, token);
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency);
            while (probe.Invocations - before < perRound || await CountAsync(data, NoopQueueFunction.QueueName, token) > 0)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"The host drained {probe.Invocations - before} of {perRound} messages in {DrainTimeout}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(5), token);
            }

            return Logged("host", round, perRound, Stopwatch.GetElapsedTime(started));
        }

        async Task<double> Floor(int round)
        {
            await BulkEnqueueAsync(data, FloorQueue, perRound, token);
            var started = Stopwatch.GetTimestamp();
            var drained = await DrainWithOneClientAsync(data, queues.BatchSize, queues.MessageLease, token);
            if (drained != perRound)
            {
                throw new InvalidOperationException($"The floor drained {drained} messages, not {perRound}.");
            }

            return Logged("floor", round, perRound, Stopwatch.GetElapsedTime(started));
        }

        BenchContext.Log($"{context.Settings.QueueMessages} messages per side in {context.Settings.Rounds} round(s); batchSize {queues.BatchSize}, newBatchThreshold {queues.EffectiveNewBatchThreshold}");
        var (ours, floor) = await context.AlternateAsync(Ours, Floor);

        var (oursLatency, floorLatency) = await IdleLatencyAsync(context, host, probe);
        return
        [
            new Figure("queue-throughput", ours.Count * perRound / ours.Sum(), floor.Count * perRound / floor.Sum(), "msg/s", new Target.RatioAtLeast(0.5)),
            new Figure("queue-idle-latency-p50", Percentiles.NearestRank(oursLatency, 50), Percentiles.NearestRank(floorLatency, 50), "ms", new Target.OursBelow(20)),
            new Figure("queue-idle-latency-p99", Percentiles.NearestRank(oursLatency, 99), Percentiles.NearestRank(floorLatency, 99), "ms"),
        ];
    }

    private static async Task<(List<double> Ours, List<double> Floor)> IdleLatencyAsync(BenchContext context, InProcessHost host, QueueProbe probe)
    {
        var token = context.CancellationToken;
        var store = host.Services.GetRequiredService<IQueueStore>();
        var channel = QueueChannel.For(NoopQueueFunction.QueueName);
        await using var listen = await context.Services.DataSource.OpenConnectionAsync(token);
        var notified = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        listen.Notification += (_, e) =>
        {
            if (e.Channel == channel)
            {
                notified.TrySetResult(Stopwatch.GetTimestamp());
            }
        };
        await using (var command = new NpgsqlCommand($"LISTEN \"{channel}\"", listen))
        {
            await command.ExecuteNonQueryAsync(token);
        }

        using var stop = new CancellationTokenSource();
        var waiting = Task.Run(async () =>
        {
            // Short waits rather than a cancelled one: cancelling NpgsqlConnection.WaitAsync is unreliable.
            while (!stop.IsCancellationRequested)
            {
                await listen.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
        }, CancellationToken.None);

        var ours = new List<double>();
        var floor = new List<double>();
        try
        {
            await Task.Delay(SettleWhenIdle, token);
            BenchContext.Log($"{context.Settings.IdleLatencySamples} single messages to the idle queue");
            for (var i = 0; i < context.Settings.IdleLatencySamples; i++)
            {
                // Spaced at random so that the listener's polling back-off is caught at every phase.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 400)), token);
                var invoked = probe.ExpectTimedMessage();
                notified = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                var sent = Stopwatch.GetTimestamp();
                await store.EnqueueAsync(NoopQueueFunction.QueueName, Encoding.UTF8.GetBytes(QueueProbe.TimedMessage(sent)), TimeSpan.Zero, token);
                ours.Add(Stopwatch.GetElapsedTime(sent, await invoked.WaitAsync(LatencyTimeout, token)).TotalMilliseconds);
                floor.Add(Stopwatch.GetElapsedTime(sent, await notified.Task.WaitAsync(LatencyTimeout, token)).TotalMilliseconds);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await waiting;
        }

        BenchContext.Log($"idle latency: host p50 {Percentiles.Median(ours):0.0} ms, max {ours.Max():0.0} ms; notification p50 {Percentiles.Median(floor):0.0} ms");
        return (ours, floor);
    }

    /// <summary>The floor: the store's receive statement for a batch, then its complete statement per message, until the queue is empty.</summary>
    private static async Task<long> DrainWithOneClientAsync(NpgsqlDataSource data, int batchSize, TimeSpan lease, CancellationToken token)
    {
        await using var connection = await data.OpenConnectionAsync(token);
        long drained = 0;
        var received = new List<(long Id, Guid PopReceipt)>(batchSize);
        while (true)
        {
            received.Clear();
            await using (var receive = new NpgsqlCommand(PostgresQueueStore.ReceiveSql, connection))
            {
                receive.Parameters.Add(new NpgsqlParameter<string>("queue", NpgsqlDbType.Text) { TypedValue = FloorQueue });
                receive.Parameters.Add(new NpgsqlParameter<int>("max", batchSize));
                receive.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", NpgsqlDbType.Interval) { TypedValue = lease });
                await using var reader = await receive.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    received.Add((reader.GetInt64(0), reader.GetGuid(5)));
                }
            }

            if (received.Count == 0)
            {
                return drained;
            }

            foreach (var (id, popReceipt) in received)
            {
                await using var complete = new NpgsqlCommand(PostgresQueueStore.CompleteSql, connection);
                complete.Parameters.Add(new NpgsqlParameter<long>("id", id));
                complete.Parameters.Add(new NpgsqlParameter<Guid>("pop_receipt", popReceipt));
                await using var reader = await complete.ExecuteReaderAsync(token);
                drained += await reader.ReadAsync(token) ? 1 : 0;
            }
        }
    }

    private static async Task BulkEnqueueAsync(NpgsqlDataSource data, string queue, int count, CancellationToken token)
    {
        await using var command = data.CreateCommand(BulkEnqueueSql);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await command.ExecuteNonQueryAsync(token);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource data, string queue, CancellationToken token)
    {
        await using var command = data.CreateCommand(CountSql);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = queue });
        return (long)(await command.ExecuteScalarAsync(token))!;
    }

    private static double Logged(string side, int round, int messages, TimeSpan elapsed)
    {
        BenchContext.Log($"round {round + 1} {side}: {messages} messages in {elapsed.TotalSeconds:0.00} s ({messages / elapsed.TotalSeconds:0}/s)");
        return elapsed.TotalSeconds;
    }
}
