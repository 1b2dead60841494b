namespace Serverless.Host.Invocation;

/// <summary>How an invocation ended. A failing function is data here, never an exception.</summary>
internal sealed record InvocationOutcome(
    string InvocationId,
    InvocationStatus Status,
    object? ReturnValue,
    IDictionary<string, object?> OutputBindingData,
    Exception? Error)
{
    public static InvocationOutcome Succeeded(string id, object? result, IDictionary<string, object?> outputs) => new(id, InvocationStatus.Succeeded, result, outputs, null);

    public static InvocationOutcome Failed(string id, Exception error) => new(id, InvocationStatus.Failed, null, new Dictionary<string, object?>(), error);

    public static InvocationOutcome Cancelled(string id) => new(id, InvocationStatus.Cancelled, null, new Dictionary<string, object?>(), null);

    public static InvocationOutcome TimedOut(string id, TimeSpan limit) =>
        new(id, InvocationStatus.TimedOut, null, new Dictionary<string, object?>(), new TimeoutException($"Timeout value of {limit} was exceeded."));

    /// <summary>The value of an output binding: <c>$return</c> is the invocation result, others are keyed by property name.</summary>
    public object? Output(string name) =>
        name == Discovery.BindingTypes.ReturnName ? ReturnValue
        : OutputBindingData.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Invocation end states.</summary>
internal enum InvocationStatus
{
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}
