using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Serverless.Host.Queues;

namespace Serverless.Storage.Postgres.Queues;

/// <summary>
/// <see cref="IQueueStore"/> on the <c>queue_messages</c> table (migration <c>0002_queue</c>). Each operation is
/// one statement, hence atomic; times come from the database clock so that instances agree. Receivers never
/// block each other (<c>FOR UPDATE SKIP LOCKED</c>). Enqueues notify the queue's channel when they commit;
/// <see cref="WaitForMessagesAsync"/> listens on one dedicated connection per store.
/// </summary>
internal sealed class PostgresQueueStore : IQueueStore, IAsyncDisposable
{
    private const string EnqueueSql = """
        WITH message AS (
            INSERT INTO queue_messages (queue, body, next_visible_time)
            VALUES (@queue, @body, now() + @delay)
            RETURNING id, insertion_time, next_visible_time
        )
        SELECT id, insertion_time, next_visible_time,
               CASE WHEN @delay <= interval '0' THEN pg_notify(serverless_queue_channel(@queue), id::text) END
        FROM message
        """;

    // Internal: the queue benchmark's floor runs this same statement (and CompleteSql) in a tight loop.
    internal const string ReceiveSql = """
        UPDATE queue_messages
        SET dequeue_count = dequeue_count + 1,
            pop_receipt = gen_random_uuid(),
            next_visible_time = now() + @lease
        WHERE id IN (
            SELECT id FROM queue_messages
            WHERE queue = @queue AND next_visible_time <= now()
            ORDER BY id
            LIMIT @max
            FOR UPDATE SKIP LOCKED)
        RETURNING id, body, dequeue_count, insertion_time, next_visible_time, pop_receipt
        """;

    internal const string CompleteSql = "DELETE FROM queue_messages WHERE id = @id AND pop_receipt = @pop_receipt RETURNING id";

    // The receipt is dropped: the message is the queue's again, and a late Complete from the old holder fails.
    private const string ReleaseSql = """
        WITH released AS (
            UPDATE queue_messages
            SET next_visible_time = now() + @delay, pop_receipt = NULL
            WHERE id = @id AND pop_receipt = @pop_receipt
            RETURNING id, queue
        )
        SELECT CASE WHEN @delay <= interval '0' THEN pg_notify(serverless_queue_channel(queue), id::text) END
        FROM released
        """;

    private const string RenewSql = """
        UPDATE queue_messages SET next_visible_time = now() + @lease
        WHERE id = @id AND pop_receipt = @pop_receipt
        RETURNING id
        """;

    // The poison message is a new message of the poison queue (dequeue count 0), as in Azure Storage queues.
    private const string MoveToPoisonSql = """
        WITH moved AS (
            DELETE FROM queue_messages
            WHERE id = @id AND pop_receipt = @pop_receipt
            RETURNING body
        ),
        poisoned AS (
            INSERT INTO queue_messages (queue, body, next_visible_time, last_error)
            SELECT @poison_queue, body, now(), @reason FROM moved
            RETURNING id
        )
        SELECT pg_notify(serverless_queue_channel(@poison_queue), id::text) FROM poisoned
        """;

    private const string CountSql = "SELECT count(*) FROM queue_messages WHERE queue = @queue";

    private readonly NpgsqlDataSource _dataSource;
    private readonly QueueNotificationListener _listener;

    public PostgresQueueStore(NpgsqlDataSource dataSource, ILogger<PostgresQueueStore> logger)
    {
        _dataSource = dataSource;
        _listener = new QueueNotificationListener(dataSource, logger);
    }

    public async Task<QueueMessage> EnqueueAsync(string queue, ReadOnlyMemory<byte> body, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialVisibilityDelay, TimeSpan.Zero);
        try
        {
            await using var command = _dataSource.CreateCommand(EnqueueSql);
            command.Parameters.Add(QueueParameter("queue", queue));
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("body", NpgsqlDbType.Bytea) { TypedValue = body });
            command.Parameters.Add(Interval("delay", initialVisibilityDelay));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new QueueMessage(queue, reader.GetInt64(0), body.ToArray(), 0,
                reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), Guid.Empty);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap($"enqueue to '{queue}'", e, _dataSource);
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        try
        {
            await using var command = _dataSource.CreateCommand(ReceiveSql);
            command.Parameters.Add(QueueParameter("queue", queue));
            command.Parameters.Add(new NpgsqlParameter<int>("max", max));
            command.Parameters.Add(Interval("lease", lease));
            var messages = new List<QueueMessage>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    messages.Add(new QueueMessage(
                        queue,
                        reader.GetInt64(0),
                        reader.GetFieldValue<byte[]>(1),
                        reader.GetInt32(2),
                        reader.GetFieldValue<DateTimeOffset>(3),
                        reader.GetFieldValue<DateTimeOffset>(4),
                        reader.GetGuid(5)));
                }
            }

            // RETURNING has no order; the contract says oldest first.
            messages.Sort((a, b) => a.Id.CompareTo(b.Id));
            return messages;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap($"receive from '{queue}'", e, _dataSource);
        }
    }

    public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        ExecuteOnLeaseAsync("complete", CompleteSql, message, [], cancellationToken);

    public Task<bool> ReleaseAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return ExecuteOnLeaseAsync("release", ReleaseSql, message, [Interval("delay", delay)], cancellationToken);
    }

    public Task<bool> RenewLeaseAsync(QueueMessage message, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return ExecuteOnLeaseAsync("lease renewal", RenewSql, message, [Interval("lease", lease)], cancellationToken);
    }

    public Task<bool> MoveToPoisonAsync(QueueMessage message, string poisonQueue, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(poisonQueue);
        return ExecuteOnLeaseAsync("move to poison queue", MoveToPoisonSql, message,
            [QueueParameter("poison_queue", poisonQueue), new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value }],
            cancellationToken);
    }

    public Task WaitForMessagesAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        return _listener.WaitAsync(QueueChannel.For(queue), timeout, cancellationToken);
    }

    public async Task<long> CountAsync(string queue, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        try
        {
            await using var command = _dataSource.CreateCommand(CountSql);
            command.Parameters.Add(QueueParameter("queue", queue));
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap($"count of '{queue}'", e, _dataSource);
        }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    /// <summary>Runs a statement that touches the message only while <paramref name="message"/>'s lease holds.</summary>
    private async Task<bool> ExecuteOnLeaseAsync(string operation, string sql, QueueMessage message, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<long>("id", message.Id));
            command.Parameters.Add(new NpgsqlParameter<Guid>("pop_receipt", message.PopReceipt));
            command.Parameters.AddRange(parameters);
            // Every lease statement returns one row when the lease held, none when it was lost.
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows++;
                }
            }

            return rows > 0;
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            throw PostgresErrors.Wrap($"{operation} of message {message.Id} of '{message.Queue}'", e, _dataSource);
        }
    }

    private static NpgsqlParameter QueueParameter(string name, string queue) =>
        new NpgsqlParameter<string>(name, NpgsqlDbType.Text) { TypedValue = queue };

    private static NpgsqlParameter Interval(string name, TimeSpan value) =>
        new NpgsqlParameter<TimeSpan>(name, NpgsqlDbType.Interval) { TypedValue = value };
}
