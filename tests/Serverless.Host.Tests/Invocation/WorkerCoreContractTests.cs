using Serverless.Host.Invocation;

namespace Serverless.Host.Tests.Invocation;

/// <summary>
/// The host reaches internal types of Microsoft.Azure.Functions.Worker.Core. These fail loudly when an upgrade
/// moves them, before any function runs with a half-working pipeline.
/// </summary>
public sealed class WorkerCoreContractTests
{
    [Fact]
    public void InternalTypes_AllResolve_ForThePinnedWorkerCore()
    {
        Assert.Equal("Microsoft.Azure.Functions.Worker.IFunctionsApplication", WorkerCoreInternals.FunctionsApplication.FullName);
        Assert.Equal("Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", WorkerCoreInternals.FunctionBindingsFeature.FullName);
        Assert.Equal(5, WorkerCoreInternals.FunctionBindingsFeature.GetProperties().Length);
        Assert.Equal("InvokeFunctionAsync", WorkerCoreInternals.InvokeFunctionAsync.Name);
        Assert.Equal(new Version(2, 52, 0, 0), typeof(Microsoft.Azure.Functions.Worker.FunctionContext).Assembly.GetName().Version is { } v ? new Version(v.Major, v.Minor, v.Build, 0) : null);
    }
}
