using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Serverless.Host.Queues;
using Serverless.Storage.Postgres.Queues;

namespace Serverless.Storage.Tests.Postgres.Queues;

/// <summary>
/// The queue contract of <see cref="IQueueStore"/> against PostgreSQL. Each test uses queues of its own name.
/// Waits for visibility are real time; their margins are generous because the database clock decides.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueueStoreTests(PostgresFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Far longer than a notification takes, short enough to fail fast when it never comes.</summary>
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    private readonly IQueueStore _store = fixture.Queues;

    [Fact]
    public async Task EnqueueAsync_ThenReceive_CountsTheDequeueAndHidesTheMessage()
    {
        var queue = NewQueue();
        var sent = await _store.EnqueueAsync(queue, "hello"u8.ToArray(), TimeSpan.Zero, None);

        var received = Assert.Single(await _store.ReceiveAsync(queue, 10, Lease, None));
        var again = await _store.ReceiveAsync(queue, 10, Lease, None);

        Assert.Equal(sent.Id, received.Id);
        Assert.Equal(queue, received.Queue);
        Assert.Equal("hello"u8.ToArray(), received.Body.ToArray());
        Assert.Equal(0, sent.DequeueCount);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotEqual(Guid.Empty, received.PopReceipt);
        Assert.Equal(sent.InsertionTime, received.InsertionTime);
        Assert.InRange(received.NextVisibleTime - received.InsertionTime, Lease - TimeSpan.FromMinutes(1), Lease + TimeSpan.FromMinutes(1));
        Assert.Empty(again);
        Assert.Equal(1, await _store.CountAsync(queue, None));
    }

    [Fact]
    public async Task ReceiveAsync_MoreMessagesThanMax_ReturnsTheOldestFirst()
    {
        var queue = NewQueue();
        var sent = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add((await _store.EnqueueAsync(queue, new[] { (byte)i }, TimeSpan.Zero, None)).Id);
        }

        var first = await _store.ReceiveAsync(queue, 3, Lease, None);
        var rest = await _store.ReceiveAsync(queue, 3, Lease, None);

        Assert.Equal(sent.Take(3), first.Select(m => m.Id));
        Assert.Equal(sent.Skip(3), rest.Select(m => m.Id));
        Assert.Equal(new byte[] { 0 }, first[0].Body.ToArray());
    }

    [Fact]
    public async Task ReceiveAsync_OtherQueue_DoesNotSeeTheMessage()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "x"u8.ToArray(), TimeSpan.Zero, None);

        Assert.Empty(await _store.ReceiveAsync(queue + "-other", 10, Lease, None));
    }

    [Fact]
    public async Task EnqueueAsync_WithDelay_IsInvisibleUntilTheDelayEnds()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "later"u8.ToArray(), TimeSpan.FromSeconds(1.5), None);

        Assert.Empty(await _store.ReceiveAsync(queue, 1, Lease, None));
        Assert.Equal(1, await _store.CountAsync(queue, None));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));
    }

    [Fact]
    public async Task CompleteAsync_HeldLease_DeletesTheMessage()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "done"u8.ToArray(), TimeSpan.Zero, None);
        var message = Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));

        Assert.True(await _store.CompleteAsync(message, None));

        Assert.Equal(0, await _store.CountAsync(queue, None));
        Assert.False(await _store.CompleteAsync(message, None));
    }

    [Fact]
    public async Task ReleaseAsync_WithDelay_MakesTheMessageVisibleOnlyAfterTheDelay()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "retry"u8.ToArray(), TimeSpan.Zero, None);
        var message = Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));

        Assert.True(await _store.ReleaseAsync(message, TimeSpan.FromSeconds(1.5), None));

        Assert.Empty(await _store.ReceiveAsync(queue, 1, Lease, None));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var redelivered = Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));
        Assert.Equal(message.Id, redelivered.Id);
        Assert.Equal(2, redelivered.DequeueCount);
        Assert.NotEqual(message.PopReceipt, redelivered.PopReceipt);
    }

    [Fact]
    public async Task ReleaseAsync_NoDelay_MakesTheMessageVisibleAtOnceAndEndsTheLease()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "retry"u8.ToArray(), TimeSpan.Zero, None);
        var message = Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));

        Assert.True(await _store.ReleaseAsync(message, TimeSpan.Zero, None));

        // The released holder can no longer act on it.
        Assert.False(await _store.CompleteAsync(message, None));
        Assert.Equal(message.Id, Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None)).Id);
    }

    [Fact]
    public async Task ReceiveAsync_LeaseExpired_RedeliversWithDequeueCountTwo()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "slow"u8.ToArray(), TimeSpan.Zero, None);
        var first = Assert.Single(await _store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1), None));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal("slow"u8.ToArray(), second.Body.ToArray());
    }

    [Fact]
    public async Task LeaseOperations_LeaseLostToAnotherReceiver_ReturnFalseAndChangeNothing()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "contested"u8.ToArray(), TimeSpan.Zero, None);
        var stale = Assert.Single(await _store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1), None));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var current = Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));

        Assert.False(await _store.CompleteAsync(stale, None));
        Assert.False(await _store.ReleaseAsync(stale, TimeSpan.Zero, None));
        Assert.False(await _store.RenewLeaseAsync(stale, Lease, None));
        Assert.False(await _store.MoveToPoisonAsync(stale, queue + "-poison", "stale", None));

        Assert.Equal(1, await _store.CountAsync(queue, None));
        Assert.Equal(0, await _store.CountAsync(queue + "-poison", None));
        Assert.Empty(await _store.ReceiveAsync(queue, 1, Lease, None));
        Assert.True(await _store.CompleteAsync(current, None));
    }

    [Fact]
    public async Task RenewLeaseAsync_HeldLease_KeepsTheMessageHiddenPastTheFirstLease()
    {
        var queue = NewQueue();
        await _store.EnqueueAsync(queue, "long job"u8.ToArray(), TimeSpan.Zero, None);
        var message = Assert.Single(await _store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1), None));

        Assert.True(await _store.RenewLeaseAsync(message, TimeSpan.FromMinutes(1), None));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Empty(await _store.ReceiveAsync(queue, 1, Lease, None));
        // Renewal keeps the receipt: the holder completes with the message it has.
        Assert.True(await _store.CompleteAsync(message, None));
    }

    [Fact]
    public async Task MoveToPoisonAsync_HeldLease_MovesTheBodyToThePoisonQueueWithTheReason()
    {
        var queue = NewQueue();
        var poison = queue + "-poison";
        var body = new byte[] { 0, 1, 2, 255, 0x7B };
        await _store.EnqueueAsync(queue, body, TimeSpan.Zero, None);
        var message = Assert.Single(await _store.ReceiveAsync(queue, 1, Lease, None));

        Assert.True(await _store.MoveToPoisonAsync(message, poison, "parse failed: no notice id", None));

        Assert.Equal(0, await _store.CountAsync(queue, None));
        var poisoned = Assert.Single(await _store.ReceiveAsync(poison, 10, Lease, None));
        Assert.Equal(body, poisoned.Body.ToArray());
        Assert.Equal(1, poisoned.DequeueCount);
        Assert.Equal("parse failed: no notice id", await LastErrorAsync(poisoned.Id));
        Assert.False(await _store.CompleteAsync(message, None));
    }

    [Fact]
    public async Task ReceiveAsync_FourConcurrentReceivers_NeverShareAMessage()
    {
        var queue = NewQueue();
        var sent = new HashSet<long>();
        for (var i = 0; i < 200; i++)
        {
            sent.Add((await _store.EnqueueAsync(queue, BitConverter.GetBytes(i), TimeSpan.Zero, None)).Id);
        }

        var received = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var batch = await _store.ReceiveAsync(queue, 7, Lease, None);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    received.Add(message.Id);
                }
            }
        })));

        Assert.Equal(200, received.Count);
        Assert.Equal(sent, received.ToHashSet());
    }

    [Fact]
    public async Task WaitForMessagesAsync_EnqueueThroughAnotherStore_ReturnsBeforeTheTimeout()
    {
        var queue = NewQueue();
        await using var producer = new PostgresQueueStore(fixture.DataSource, NullLogger<PostgresQueueStore>.Instance);
        await WarmUpAsync(queue);

        var wait = _store.WaitForMessagesAsync(queue, WaitTimeout, None);
        await AssertStillWaitingAsync(wait);
        var clock = Stopwatch.StartNew();
        await producer.EnqueueAsync(queue, "wake up"u8.ToArray(), TimeSpan.Zero, None);
        await wait;

        Assert.True(clock.Elapsed < WaitTimeout - TimeSpan.FromSeconds(1), $"woke after {clock.Elapsed}, not by the notification");
    }

    [Fact]
    public async Task WaitForMessagesAsync_SqlFunctionEnqueue_ReturnsBeforeTheTimeoutAndDeliversUtf8()
    {
        var queue = NewQueue();
        await WarmUpAsync(queue);

        var wait = _store.WaitForMessagesAsync(queue, WaitTimeout, None);
        await AssertStillWaitingAsync(wait);
        var clock = Stopwatch.StartNew();
        long id;
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT serverless_enqueue($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "{\"key\":\"avis/é.xml\"}" });
            id = (long)(await command.ExecuteScalarAsync())!;
        }

        await wait;

        Assert.True(clock.Elapsed < WaitTimeout - TimeSpan.FromSeconds(1), $"woke after {clock.Elapsed}, not by the notification");
        var message = Assert.Single(await _store.ReceiveAsync(queue, 10, Lease, None));
        Assert.Equal(id, message.Id);
        Assert.Equal("{\"key\":\"avis/é.xml\"}", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public async Task WaitForMessagesAsync_NotificationWhileNobodyWaits_EndsTheNextWaitAtOnce()
    {
        var queue = NewQueue();
        await WarmUpAsync(queue);

        await _store.EnqueueAsync(queue, "between receive and wait"u8.ToArray(), TimeSpan.Zero, None);
        // Give the notification time to reach the listening connection.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        await _store.WaitForMessagesAsync(queue, WaitTimeout, None);

        Assert.True(clock.Elapsed < WaitTimeout - TimeSpan.FromSeconds(1), $"woke after {clock.Elapsed}");
    }

    [Fact]
    public async Task WaitForMessagesAsync_NothingArrives_ReturnsAfterTheTimeoutWithoutThrowing()
    {
        var queue = NewQueue();
        await WarmUpAsync(queue);
        var clock = Stopwatch.StartNew();

        await _store.WaitForMessagesAsync(queue, TimeSpan.FromMilliseconds(500), None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"returned after {clock.Elapsed}");
    }

    [Fact]
    public async Task WaitForMessagesAsync_Cancelled_ThrowsOperationCanceled()
    {
        var queue = NewQueue();
        await WarmUpAsync(queue);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.WaitForMessagesAsync(queue, WaitTimeout, cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.WaitForMessagesAsync(queue, WaitTimeout, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task WaitForMessagesAsync_DatabaseUnreachable_WaitsOutTheTimeoutWithoutThrowing()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Port = 1, Timeout = 2 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var store = new PostgresQueueStore(dataSource, NullLogger<PostgresQueueStore>.Instance);

        await store.WaitForMessagesAsync(NewQueue(), TimeSpan.FromMilliseconds(500), None);
    }

    [Fact]
    public async Task WaitForMessagesAsync_ListeningConnectionKilled_ReconnectsAndIsWokenAgain()
    {
        // A store of its own, whose connections can be told apart by application name.
        var applicationName = "listener-test-" + Guid.NewGuid().ToString("N")[..8];
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { ApplicationName = applicationName };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var store = new PostgresQueueStore(dataSource, NullLogger<PostgresQueueStore>.Instance);
        var queue = NewQueue();
        await store.WaitForMessagesAsync(queue, WaitTimeout, None);

        var interrupted = store.WaitForMessagesAsync(queue, WaitTimeout, None);
        await AssertStillWaitingAsync(interrupted);
        await using (var kill = fixture.DataSource.CreateCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1"))
        {
            kill.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1);
        }

        // Notifications may have been lost while disconnected, so the reconnect itself ends the wait ...
        await interrupted.WaitAsync(WaitTimeout - TimeSpan.FromSeconds(1));
        // ... and the new connection listens again.
        var wait = store.WaitForMessagesAsync(queue, WaitTimeout, None);
        await AssertStillWaitingAsync(wait);
        await _store.EnqueueAsync(queue, "after reconnect"u8.ToArray(), TimeSpan.Zero, None);
        await wait.WaitAsync(WaitTimeout - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task QueueChannel_AnyName_MatchesTheSqlFunctionAndFitsAnIdentifier()
    {
        foreach (var queue in new[] { "ingest", "Ingest-Poison", "file d'attente é", new string('q', 300) })
        {
            await using var command = fixture.DataSource.CreateCommand("SELECT serverless_queue_channel($1)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue });
            var channel = QueueChannel.For(queue);

            Assert.Equal((string)(await command.ExecuteScalarAsync())!, channel);
            Assert.True(Encoding.UTF8.GetByteCount(channel) <= 63);
        }
    }

    [Fact]
    public async Task WaitForMessagesAsync_VeryLongQueueName_IsWokenByItsNotification()
    {
        var queue = NewQueue() + new string('x', 200);
        await WarmUpAsync(queue);

        var wait = _store.WaitForMessagesAsync(queue, WaitTimeout, None);
        await AssertStillWaitingAsync(wait);
        await _store.EnqueueAsync(queue, "x"u8.ToArray(), TimeSpan.Zero, None);

        await wait.WaitAsync(WaitTimeout - TimeSpan.FromSeconds(1));
    }

    private static string NewQueue() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The first wait on a queue starts listening and returns as soon as it listens (messages sent before could
    /// not be announced); after it, the store is listening on the queue's channel.
    /// </summary>
    private async Task WarmUpAsync(string queue) => await _store.WaitForMessagesAsync(queue, WaitTimeout, None);

    private static async Task AssertStillWaitingAsync(Task wait)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(wait.IsCompleted, "the wait returned before anything was sent");
    }

    private async Task<string?> LastErrorAsync(long id)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT last_error FROM queue_messages WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return (string?)await command.ExecuteScalarAsync();
    }
}
