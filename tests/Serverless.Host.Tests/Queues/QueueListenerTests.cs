using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests.Queues;

public sealed class QueueListenerTests
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3",
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.050",
    };

    private static Task<TestHost> Start(Dictionary<string, string?>? settings = null, InMemoryQueueStore? queue = null) =>
        TestHost.StartAsync([typeof(QueueFunctions), typeof(OutputFunctions)], b => b.Services.AddSingleton<Recorder>(), settings ?? FastRetries, queue);

    [Fact]
    public async Task Message_BindsPocoAndDequeueCount_AndIsCompleted()
    {
        await using var host = await Start();
        var recorder = host.Services.GetRequiredService<Recorder>();
        var sent = await host.Queue.EnqueueAsync("orders", Encoding.UTF8.GetBytes("""{"sku":"X-9","quantity":3}"""), TimeSpan.Zero, default);

        await TestHost.Eventually(() => recorder.Events.Count == 1);
        Assert.Equal($"X-9x3 attempt 1 id {sent.Id}", recorder.Events.Single());
        await TestHost.Eventually(() => host.Queue.Peek("orders").Count == 0, because: "a processed message is deleted");
    }

    [Fact]
    public async Task FailingOnce_IsRetriedAfterVisibilityTimeout_ThenCompleted()
    {
        await using var host = await Start();
        var recorder = host.Services.GetRequiredService<Recorder>();
        await host.Queue.EnqueueAsync("flaky", "once"u8.ToArray(), TimeSpan.Zero, default);

        await TestHost.Eventually(() => recorder.Events.Count == 2);
        Assert.Equal(["once attempt 1", "once attempt 2"], recorder.Events.ToArray());
        await TestHost.Eventually(() => host.Queue.Peek("flaky").Count == 0);
        Assert.Empty(host.Queue.Peek("flaky-poison"));
    }

    [Fact]
    public async Task AlwaysFailing_MovesToPoisonAfterMaxDequeueCount_WithReason()
    {
        await using var host = await Start();
        var recorder = host.Services.GetRequiredService<Recorder>();
        await host.Queue.EnqueueAsync("flaky", "fail-1"u8.ToArray(), TimeSpan.Zero, default);

        await TestHost.Eventually(() => host.Queue.Peek("flaky-poison").Count == 1);
        Assert.Equal(["fail-1 attempt 1", "fail-1 attempt 2", "fail-1 attempt 3"], recorder.Events.ToArray());
        Assert.Empty(host.Queue.Peek("flaky"));
        Assert.Equal("fail-1", Encoding.UTF8.GetString(host.Queue.Peek("flaky-poison")[0].Body.Span));
        Assert.Equal("cannot process fail-1", host.Queue.Poisoned.Single().Reason);
    }

    [Fact]
    public async Task OneBadMessage_DoesNotStopTheListener()
    {
        await using var host = await Start();
        var recorder = host.Services.GetRequiredService<Recorder>();
        await host.Queue.EnqueueAsync("flaky", "fail-2"u8.ToArray(), TimeSpan.Zero, default);
        await host.Queue.EnqueueAsync("flaky", "good"u8.ToArray(), TimeSpan.Zero, default);

        await TestHost.Eventually(() => recorder.Events.Contains("good attempt 1") && host.Queue.Peek("flaky-poison").Count == 1);
    }

    [Fact]
    public async Task MessageOfCrashedInstance_ComesBackWhenItsLeaseEnds()
    {
        // Another instance took the message and died: its lease runs out, nobody completes it.
        var queue = new InMemoryQueueStore();
        await queue.EnqueueAsync("orders", Encoding.UTF8.GetBytes("""{"sku":"C-1","quantity":1}"""), TimeSpan.Zero, default);
        var stolen = await new CrashedInstance(queue).TakeAsync("orders", TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, stolen.DequeueCount);
        await using var host = await Start(queue: queue);
        var recorder = host.Services.GetRequiredService<Recorder>();

        await TestHost.Eventually(() => recorder.Events.Count == 1);
        Assert.StartsWith("C-1x1 attempt 2", recorder.Events.Single());
    }

    [Fact]
    public async Task DeliveredMoreThanMaxDequeueCount_GoesToPoisonWithoutRunning()
    {
        var queue = new InMemoryQueueStore();
        await queue.EnqueueAsync("orders", Encoding.UTF8.GetBytes("""{"sku":"D-1","quantity":1}"""), TimeSpan.Zero, default);
        var crashed = new CrashedInstance(queue);
        for (var i = 0; i < 3; i++)
        {
            await crashed.TakeAsync("orders", TimeSpan.FromMilliseconds(1));
            await Task.Delay(5);
        }

        await using var host = await Start(queue: queue);
        var recorder = host.Services.GetRequiredService<Recorder>();

        await TestHost.Eventually(() => host.Queue.Peek("orders-poison").Count == 1);
        Assert.Empty(recorder.Events);
    }

    [Fact]
    public async Task LongHandler_KeepsItsLease_AndRunsOnce()
    {
        var settings = new Dictionary<string, string?>(FastRetries) { ["AzureFunctionsJobHost:extensions:queues:messageLease"] = "00:00:00.200" };
        await using var host = await Start(settings);
        var recorder = host.Services.GetRequiredService<Recorder>();
        await host.Queue.EnqueueAsync("long", "1000"u8.ToArray(), TimeSpan.Zero, default);

        await TestHost.Eventually(() => recorder.Events.Contains("finished 1000"));
        await TestHost.Eventually(() => host.Queue.Peek("long").Count == 0);
        Assert.Equal(["started 1000", "finished 1000"], recorder.Events.ToArray());
    }

    [Fact]
    public async Task ReturnValueQueueOutput_IsSent()
    {
        await using var host = await Start();
        await host.Queue.EnqueueAsync("inbox", "hello"u8.ToArray(), TimeSpan.Zero, default);
        await TestHost.Eventually(() => host.Queue.Peek("forwarded").Count == 1);
        Assert.Equal("HELLO", Encoding.UTF8.GetString(host.Queue.Peek("forwarded")[0].Body.Span));
    }

    [Fact]
    public async Task InvalidJsonForPoco_FailsThenPoisons()
    {
        await using var host = await Start();
        await host.Queue.EnqueueAsync("orders", "not json"u8.ToArray(), TimeSpan.Zero, default);
        await TestHost.Eventually(() => host.Queue.Peek("orders-poison").Count == 1);
        Assert.Equal("not json", Encoding.UTF8.GetString(host.Queue.Peek("orders-poison")[0].Body.Span));
    }

    [Fact]
    public async Task Shutdown_LetsInFlightInvocationFinish_WithinGracePeriod()
    {
        var host = await Start(new(FastRetries) { ["AzureFunctionsJobHost:shutdownGracePeriod"] = "00:00:10" });
        var recorder = host.Services.GetRequiredService<Recorder>();
        await host.Queue.EnqueueAsync("long", "700"u8.ToArray(), TimeSpan.Zero, default);
        await TestHost.Eventually(() => recorder.Events.Contains("started 700"));

        await host.DisposeAsync();

        Assert.Contains("finished 700", recorder.Events);
        Assert.Empty(host.Queue.Peek("long"));
    }

    [Fact]
    public async Task Shutdown_CancelsAfterGracePeriod_AndHandsMessageBack()
    {
        var host = await Start(new(FastRetries) { ["AzureFunctionsJobHost:shutdownGracePeriod"] = "00:00:00.300" });
        var recorder = host.Services.GetRequiredService<Recorder>();
        await host.Queue.EnqueueAsync("long", "60000"u8.ToArray(), TimeSpan.Zero, default);
        await TestHost.Eventually(() => recorder.Events.Contains("started 60000"));

        await host.DisposeAsync();

        Assert.DoesNotContain("finished 60000", recorder.Events);
        var back = Assert.Single(host.Queue.Peek("long"));
        Assert.True(back.NextVisibleTime <= DateTimeOffset.UtcNow, "a cancelled message is visible again at once");
        Assert.Empty(host.Queue.Peek("long-poison"));
    }

    /// <summary>Takes a message like another host instance would, then never settles it.</summary>
    private sealed class CrashedInstance(InMemoryQueueStore store)
    {
        public async Task<Serverless.Host.Queues.QueueMessage> TakeAsync(string queue, TimeSpan lease) =>
            (await store.ReceiveAsync(queue, 1, lease, default)).Single();
    }
}
