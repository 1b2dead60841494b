using Microsoft.Azure.Functions.Worker;

namespace Serverless.Benchmarks.Functions;

/// <summary>The no-op queue function of the queue figures; it only tells the probe that it ran.</summary>
public sealed class NoopQueueFunction(QueueProbe probe)
{
    public const string QueueName = "bench-noop";

    [Function("BenchNoopQueue")]
    public void Run([QueueTrigger(QueueName)] string message) => probe.Invoked(message);
}
