using System.Collections.Concurrent;
using Serverless.Host.Queues;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// A hand-written fake of our own queue port with the same lease semantics the PostgreSQL store has
/// (its behaviour is tested against the real database in Serverless.Storage.Tests).
/// </summary>
internal sealed class InMemoryQueueStore : IQueueStore
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];
    private long _nextId;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public List<(string Queue, long Id, string Reason)> Poisoned { get; } = [];

    public Task<QueueMessage> EnqueueAsync(string queue, ReadOnlyMemory<byte> body, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            entry = new Entry { Queue = queue, Id = ++_nextId, Body = body.ToArray(), Inserted = Now, Visible = Now + initialVisibilityDelay };
            _entries.Add(entry);
        }

        Signal(queue).Release();
        return Task.FromResult(entry.Snapshot());
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var taken = _entries.Where(e => e.Queue == queue && e.Visible <= Now).OrderBy(e => e.Id).Take(max).ToList();
            foreach (var e in taken)
            {
                e.DequeueCount++;
                e.Receipt = Guid.NewGuid();
                e.Visible = Now + lease;
            }

            return Task.FromResult<IReadOnlyList<QueueMessage>>(taken.Select(e => e.Snapshot()).ToList());
        }
    }

    public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(WithLease(message, e => _entries.Remove(e)));

    public Task<bool> ReleaseAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        Task.FromResult(WithLease(message, e => e.Visible = Now + delay));

    public Task<bool> RenewLeaseAsync(QueueMessage message, TimeSpan lease, CancellationToken cancellationToken) =>
        Task.FromResult(WithLease(message, e => e.Visible = Now + lease));

    public Task<bool> MoveToPoisonAsync(QueueMessage message, string poisonQueue, string reason, CancellationToken cancellationToken) =>
        Task.FromResult(WithLease(message, e =>
        {
            _entries.Remove(e);
            _entries.Add(new Entry { Queue = poisonQueue, Id = ++_nextId, Body = e.Body, Inserted = Now, Visible = Now });
            Poisoned.Add((poisonQueue, e.Id, reason));
        }));

    public async Task WaitForMessagesAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Signal(queue).WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    public Task<long> CountAsync(string queue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_entries.Count(e => e.Queue == queue));
        }
    }

    public IReadOnlyList<QueueMessage> Peek(string queue)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Queue == queue).Select(e => e.Snapshot()).ToList();
        }
    }

    private DateTimeOffset Now => Clock.GetUtcNow();

    private SemaphoreSlim Signal(string queue) => _signals.GetOrAdd(queue, _ => new SemaphoreSlim(0));

    private bool WithLease(QueueMessage message, Action<Entry> action)
    {
        lock (_gate)
        {
            var entry = _entries.FirstOrDefault(e => e.Id == message.Id && e.Queue == message.Queue);
            if (entry is null || entry.Receipt != message.PopReceipt)
            {
                return false;
            }

            action(entry);
            return true;
        }
    }

    private sealed class Entry
    {
        public required string Queue { get; init; }
        public required long Id { get; init; }
        public required byte[] Body { get; init; }
        public DateTimeOffset Inserted { get; init; }
        public DateTimeOffset Visible { get; set; }
        public int DequeueCount { get; set; }
        public Guid Receipt { get; set; }

        public QueueMessage Snapshot() => new(Queue, Id, Body, DequeueCount, Inserted, Visible, Receipt);
    }
}
