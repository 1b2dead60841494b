using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.Host.Discovery;

/// <summary>The worker's view of a function, built by discovery instead of by a gRPC load request.</summary>
internal sealed class WorkerFunctionDefinition : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters { get; }
    public override string PathToAssembly { get; }
    public override string EntryPoint { get; }
    public override string Id { get; }
    public override string Name { get; }
    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }
    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }

    public WorkerFunctionDefinition(
        string name,
        string entryPoint,
        string pathToAssembly,
        ImmutableArray<FunctionParameter> parameters,
        IImmutableDictionary<string, BindingMetadata> inputBindings,
        IImmutableDictionary<string, BindingMetadata> outputBindings)
    {
        Name = name;
        Id = name;
        EntryPoint = entryPoint;
        PathToAssembly = pathToAssembly;
        Parameters = parameters;
        InputBindings = inputBindings;
        OutputBindings = outputBindings;
    }
}

/// <summary>One binding of a function definition.</summary>
internal sealed class HostBindingMetadata(string name, string type, BindingDirection direction) : BindingMetadata
{
    public override string Name { get; } = name;
    public override string Type { get; } = type;
    public override BindingDirection Direction { get; } = direction;
}
