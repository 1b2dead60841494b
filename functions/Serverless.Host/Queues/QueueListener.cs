using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;
using Serverless.Host.Discovery;
using Serverless.Host.Invocation;

namespace Serverless.Host.Queues;

/// <summary>
/// Runs one queue-triggered function with Azure's queue semantics: fetches <c>batchSize</c> messages when
/// in-flight work falls to <c>newBatchThreshold</c>, backs off while idle up to <c>maxPollingInterval</c>
/// (woken at once by a new-message notification), keeps each message's lease while its function runs,
/// makes a failed message visible again after <c>visibilityTimeout</c>, and moves it to
/// <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c> attempts. The host's redelivery is the only retry.
/// </summary>
internal sealed class QueueListener(
    HostFunction function,
    IQueueStore store,
    FunctionDispatcher dispatcher,
    QueueOutputWriter outputs,
    InvocationLifetime lifetime,
    IOptions<HostJsonOptions> options,
    ILogger<QueueListener> logger) : BackgroundService
{
    private readonly QueueOptions _options = options.Value.Queues;
    private readonly string _queue = function.Queue!.QueueName;
    private int _inFlight;
    private readonly SemaphoreSlim _slotFreed = new(0);

    public string PoisonQueue => _queue + "-poison";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Listening on queue '{Queue}' for function '{Function}' (batchSize {BatchSize}, newBatchThreshold {Threshold}, maxDequeueCount {MaxDequeue})",
            _queue, function.Name, _options.BatchSize, _options.EffectiveNewBatchThreshold, _options.MaxDequeueCount);
        var backOff = new PollingBackOff(_options.MaxPollingInterval);
        var tasks = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _inFlight) > _options.EffectiveNewBatchThreshold)
                {
                    await _slotFreed.WaitAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var messages = await store.ReceiveAsync(_queue, _options.BatchSize, _options.MessageLease, stoppingToken).ConfigureAwait(false);
                if (messages.Count == 0)
                {
                    await store.WaitForMessagesAsync(_queue, backOff.Next(), stoppingToken).ConfigureAwait(false);
                    continue;
                }

                backOff.Reset();
                foreach (var message in messages)
                {
                    Interlocked.Increment(ref _inFlight);
                    var task = ProcessAsync(message);
                    lock (tasks)
                    {
                        tasks.Add(task);
                    }

                    _ = task.ContinueWith(t => { lock (tasks) { tasks.Remove(t); } }, TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The store is unreachable or failing: keep the listener alive and try again after a pause.
                logger.LogError(e, "Queue '{Queue}': receiving failed; retrying", _queue);
                await Task.Delay(backOff.Next(), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        Task[] running;
        lock (tasks)
        {
            running = [.. tasks];
        }

        // In-flight messages finish (or are cancelled by the lifetime's grace period) before the listener stops.
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueMessage message)
    {
        await Task.Yield();
        try
        {
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                // Delivered too often already (e.g. instances crashed while processing it): do not run it again.
                await PoisonAsync(message, $"dequeued {message.DequeueCount} times (max {_options.MaxDequeueCount}) without completing").ConfigureAwait(false);
                return;
            }

            using var renewal = new CancellationTokenSource();
            var keepLease = KeepLeaseAsync(message, renewal.Token);
            var outcome = await dispatcher.InvokeAsync(
                function,
                TriggerMetadata(message),
                _ => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { [function.TriggerParameter] = Payload(message) },
                async (result, token) =>
                {
                    if (result.Status == InvocationStatus.Succeeded)
                    {
                        await outputs.WriteAsync(function, result, token).ConfigureAwait(false);
                    }
                },
                lifetime.InvocationsCancelled).ConfigureAwait(false);
            await renewal.CancelAsync().ConfigureAwait(false);
            await keepLease.ConfigureAwait(false);

            switch (outcome.Status)
            {
                case InvocationStatus.Succeeded:
                    if (!await store.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false))
                    {
                        logger.LogWarning("Queue '{Queue}': message {Id} completed after its lease was lost; it may be processed again", _queue, message.Id);
                    }

                    break;
                case InvocationStatus.Cancelled:
                    // Shutting down: hand the message back at once rather than after its lease.
                    await store.ReleaseAsync(message, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                    break;
                default:
                    var reason = outcome.Error?.Message ?? outcome.Status.ToString();
                    if (message.DequeueCount >= _options.MaxDequeueCount)
                    {
                        await PoisonAsync(message, reason).ConfigureAwait(false);
                    }
                    else
                    {
                        logger.LogWarning("Queue '{Queue}': message {Id} failed (attempt {Attempt} of {Max}): {Reason}; visible again in {Delay}",
                            _queue, message.Id, message.DequeueCount, _options.MaxDequeueCount, reason, _options.VisibilityTimeout);
                        await store.ReleaseAsync(message, _options.VisibilityTimeout, CancellationToken.None).ConfigureAwait(false);
                    }

                    break;
            }
        }
        catch (Exception e)
        {
            // The store failed while settling the message: its lease will run out and it comes back.
            logger.LogError(e, "Queue '{Queue}': settling message {Id} failed; it will be redelivered when its lease ends", _queue, message.Id);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _slotFreed.Release();
        }
    }

    private async Task PoisonAsync(QueueMessage message, string reason)
    {
        logger.LogError("Queue '{Queue}': message {Id} moved to '{PoisonQueue}' after {Count} attempt(s). Reason: {Reason}",
            _queue, message.Id, PoisonQueue, message.DequeueCount, reason);
        await store.MoveToPoisonAsync(message, PoisonQueue, reason, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task KeepLeaseAsync(QueueMessage message, CancellationToken stop)
    {
        var every = _options.MessageLease / 2;
        try
        {
            while (true)
            {
                await Task.Delay(every, stop).ConfigureAwait(false);
                if (!await store.RenewLeaseAsync(message, _options.MessageLease, stop).ConfigureAwait(false))
                {
                    logger.LogWarning("Queue '{Queue}': lost the lease of message {Id}; another instance may process it", _queue, message.Id);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Queue '{Queue}': renewing the lease of message {Id} failed", _queue, message.Id);
        }
    }

    private object Payload(QueueMessage message)
    {
        var type = function.TriggerParameterType;
        return type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) || type == typeof(BinaryData)
            ? message.Body.ToArray()
            : Encoding.UTF8.GetString(message.Body.Span);
    }

    /// <summary>The Functions host's queue binding data.</summary>
    private static Dictionary<string, object?> TriggerMetadata(QueueMessage message) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["QueueTrigger"] = Encoding.UTF8.GetString(message.Body.Span),
        ["DequeueCount"] = (long)message.DequeueCount,
        ["Id"] = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["InsertionTime"] = message.InsertionTime,
        ["NextVisibleTime"] = message.NextVisibleTime,
        ["PopReceipt"] = message.PopReceipt.ToString(),
    };
}
