namespace Serverless.Host.Queues;

/// <summary>
/// The storage behind queue triggers and queue output bindings (PostgreSQL by default).
/// The host owns the semantics (leases, retries, poison); a store only makes each operation atomic.
/// A message handed out by <see cref="ReceiveAsync"/> is invisible to every other receiver until its
/// lease ends; only the holder of its <see cref="QueueMessage.PopReceipt"/> may complete, release or renew it.
/// </summary>
public interface IQueueStore
{
    /// <summary>Adds a message, visible after <paramref name="initialVisibilityDelay"/>. Creates the queue on demand.</summary>
    Task<QueueMessage> EnqueueAsync(string queue, ReadOnlyMemory<byte> body, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> visible messages, oldest first, each leased for <paramref name="lease"/>:
    /// dequeue count + 1, new pop receipt, next visible time = now + lease.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Deletes a processed message. False when the lease was lost (another receiver has it now).</summary>
    Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Makes a failed message visible again after <paramref name="delay"/>. False when the lease was lost.</summary>
    Task<bool> ReleaseAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Extends the lease of a message still being processed. False when the lease was lost.</summary>
    Task<bool> RenewLeaseAsync(QueueMessage message, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically removes the message from its queue and adds it to <paramref name="poisonQueue"/>
    /// with the same body, recording <paramref name="reason"/>. False when the lease was lost.
    /// </summary>
    Task<bool> MoveToPoisonAsync(QueueMessage message, string poisonQueue, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when a message may have arrived on <paramref name="queue"/> (a notification), or after
    /// <paramref name="timeout"/>, whichever is first. Lets an idle listener back off without missing new work.
    /// </summary>
    Task WaitForMessagesAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Number of messages in the queue (visible or leased); for status and scaling.</summary>
    Task<long> CountAsync(string queue, CancellationToken cancellationToken);
}

/// <summary>A message as received, with the metadata Azure exposes as binding data.</summary>
public sealed record QueueMessage(
    string Queue,
    long Id,
    ReadOnlyMemory<byte> Body,
    int DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset NextVisibleTime,
    Guid PopReceipt);
