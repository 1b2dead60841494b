using System.Collections;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Host.Discovery;
using Serverless.Host.Invocation;

namespace Serverless.Host.Queues;

/// <summary>
/// Sends the values of <c>[QueueOutput]</c> bindings after a function succeeded: a string or bytes is one
/// message, a collection is one message per item, any other object is serialised with the worker's serializer.
/// </summary>
internal sealed class QueueOutputWriter(IServiceProvider services, IOptions<WorkerOptions> workerOptions)
{
    public async Task WriteAsync(HostFunction function, InvocationOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var output in function.Outputs)
        {
            if (output.Type != BindingTypes.Queue || outcome.Output(output.Name) is not { } value)
            {
                continue;
            }

            var store = services.GetService<IQueueStore>() ?? throw new InvalidOperationException(HostMessages.NoQueueStore);
            foreach (var message in Messages(value))
            {
                await store.EnqueueAsync(output.QueueName!, message, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> Messages(object value)
    {
        switch (value)
        {
            case string text:
                yield return System.Text.Encoding.UTF8.GetBytes(text);
                break;
            case byte[] bytes:
                yield return bytes;
                break;
            case ReadOnlyMemory<byte> memory:
                yield return memory;
                break;
            case BinaryData data:
                yield return data.ToMemory();
                break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        foreach (var message in Messages(item))
                        {
                            yield return message;
                        }
                    }
                }

                break;
            default:
                yield return workerOptions.Value.Serializer!.Serialize(value, value.GetType(), CancellationToken.None).ToMemory();
                break;
        }
    }
}
