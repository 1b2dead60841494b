using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.Host.Discovery;

/// <summary>A discovered, validated function: its worker definition plus what the host needs to trigger it.</summary>
internal sealed class HostFunction
{
    public required string Name { get; init; }
    public required MethodInfo Method { get; init; }
    public required FunctionDefinition Definition { get; init; }
    /// <summary>The parameter that receives the trigger payload.</summary>
    public required string TriggerParameter { get; init; }
    public required Type TriggerParameterType { get; init; }
    public HttpTriggerInfo? Http { get; init; }
    public QueueTriggerInfo? Queue { get; init; }
    public TimerTriggerInfo? Timer { get; init; }
    public IReadOnlyList<OutputBindingInfo> Outputs { get; init; } = [];

    public string TriggerType => Http is not null ? BindingTypes.HttpTrigger : Queue is not null ? BindingTypes.QueueTrigger : BindingTypes.TimerTrigger;
}

/// <summary>An HTTP trigger: methods (empty = any), route template relative to the prefix, authorization level.</summary>
internal sealed record HttpTriggerInfo(IReadOnlyList<string> Methods, string Route, AuthorizationLevel AuthLevel);

/// <summary>A queue trigger on <paramref name="QueueName"/>.</summary>
internal sealed record QueueTriggerInfo(string QueueName, string? Connection);

/// <summary>A timer trigger: NCRONTAB schedule (6 fields, seconds first, or 5) and options.</summary>
internal sealed record TimerTriggerInfo(string Schedule, bool RunOnStartup, bool UseMonitor);

/// <summary>An output binding: <c>$return</c> or a property of a multi-output class.</summary>
internal sealed record OutputBindingInfo(string Name, string Type, string? QueueName);

/// <summary>Binding type names as the Functions host spells them in function.json.</summary>
internal static class BindingTypes
{
    public const string HttpTrigger = "httpTrigger";
    public const string QueueTrigger = "queueTrigger";
    public const string TimerTrigger = "timerTrigger";
    public const string Http = "http";
    public const string Queue = "queue";
    public const string ReturnName = "$return";
}
