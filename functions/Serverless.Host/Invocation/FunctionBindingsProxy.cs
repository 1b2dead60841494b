using System.Reflection;

namespace Serverless.Host.Invocation;

/// <summary>
/// Implements the worker's internal <c>IFunctionBindingsFeature</c> (trigger metadata, input data,
/// output binding data, invocation result) through <see cref="DispatchProxy"/>, since the interface
/// cannot be named from outside Worker.Core. It is what the middleware extension methods
/// (<c>GetHttpRequestDataAsync</c>, <c>GetInvocationResult</c>, <c>GetOutputBindings</c>, <c>BindInputAsync</c>) read.
/// </summary>
public class FunctionBindingsProxy : DispatchProxy
{
    internal InvocationBindings State { get; private set; } = null!;

    internal static object Create(InvocationBindings state)
    {
        var proxy = DispatchProxy.Create(WorkerCoreInternals.FunctionBindingsFeature, typeof(FunctionBindingsProxy));
        ((FunctionBindingsProxy)proxy).State = state;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "get_TriggerMetadata" => State.TriggerMetadata,
        "get_InputData" => State.InputData,
        "get_OutputBindingData" => State.OutputBindingData,
        "get_OutputBindingsInfo" => State.OutputBindingsInfo,
        "get_InvocationResult" => State.InvocationResult,
        "set_InvocationResult" => SetResult(args![0]),
        _ => throw new NotSupportedException($"IFunctionBindingsFeature.{targetMethod?.Name} is not supported by this host."),
    };

    private object? SetResult(object? value)
    {
        State.InvocationResult = value;
        return null;
    }
}

/// <summary>The binding state of one invocation.</summary>
internal sealed class InvocationBindings(
    IReadOnlyDictionary<string, object?> triggerMetadata,
    IReadOnlyDictionary<string, object?> inputData,
    object outputBindingsInfo)
{
    public IReadOnlyDictionary<string, object?> TriggerMetadata { get; } = triggerMetadata;
    public IReadOnlyDictionary<string, object?> InputData { get; } = inputData;
    public IDictionary<string, object?> OutputBindingData { get; } = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
    public object OutputBindingsInfo { get; } = outputBindingsInfo;
    public object? InvocationResult { get; set; }
}
