using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.Host.Invocation;

/// <summary>The invocation feature the worker reads its ids and trace context from.</summary>
internal sealed class HostFunctionInvocation(string id, string functionId) : FunctionInvocation
{
    public override string Id { get; } = id;
    public override string FunctionId { get; } = functionId;
    public override TraceContext TraceContext { get; } = new HostTraceContext(Activity.Current);

    private sealed class HostTraceContext(Activity? activity) : TraceContext
    {
        public override string TraceParent { get; } = activity?.Id ?? string.Empty;
        public override string TraceState { get; } = activity?.TraceStateString ?? string.Empty;
    }
}
