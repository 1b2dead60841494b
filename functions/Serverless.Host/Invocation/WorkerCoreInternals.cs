using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.Host.Invocation;

/// <summary>
/// The internal types of Microsoft.Azure.Functions.Worker.Core that the host drives in-process
/// (the worker's own pipeline: middleware, converters, output bindings, activator).
/// Resolved once at start-up; a missing type or member fails start-up with the Worker.Core version
/// to pin, rather than failing later inside an invocation.
/// </summary>
internal static class WorkerCoreInternals
{
    private static readonly Assembly CoreAssembly = typeof(FunctionContext).Assembly;

    public static readonly Type FunctionsApplication = Require("Microsoft.Azure.Functions.Worker.IFunctionsApplication");
    public static readonly Type InvocationFeaturesFactory = Require("Microsoft.Azure.Functions.Worker.IInvocationFeaturesFactory");
    public static readonly Type FunctionBindingsFeature = Require("Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature");
    public static readonly Type InputConversionFeature = Require("Microsoft.Azure.Functions.Worker.Context.Features.IInputConversionFeature");
    public static readonly Type InputConversionFeatureProvider = Require("Microsoft.Azure.Functions.Worker.Context.Features.IInputConversionFeatureProvider");
    public static readonly Type DefaultInputConversionFeature = Require("Microsoft.Azure.Functions.Worker.Context.Features.DefaultInputConversionFeature");
    public static readonly Type OutputBindingsInfoProvider = Require("Microsoft.Azure.Functions.Worker.OutputBindings.IOutputBindingsInfoProvider");
    public static readonly Type OutputBindingsInfo = Require("Microsoft.Azure.Functions.Worker.OutputBindings.OutputBindingsInfo");
    public static readonly Type WorkerDiagnostics = Require("Microsoft.Azure.Functions.Worker.Diagnostics.IWorkerDiagnostics");
    public static readonly Type WorkerHostedService = Require("Microsoft.Azure.Functions.Worker.WorkerHostedService");

    /// <summary>Registers the worker's default input converters (string, JSON POCO, Guid, ...) into WorkerOptions.</summary>
    public static readonly MethodInfo AddDefaultInputConverters =
        typeof(Microsoft.Extensions.DependencyInjection.ServiceCollectionExtensions).GetMethod("AddDefaultInputConvertersToWorkerOptions", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("Microsoft.Azure.Functions.Worker.Core: AddDefaultInputConvertersToWorkerOptions is missing; pin the Worker.Core version in Directory.Packages.props.");

    public static readonly MethodInfo LoadFunction = RequireMethod(FunctionsApplication, "LoadFunction");
    public static readonly MethodInfo CreateContext = RequireMethod(FunctionsApplication, "CreateContext");
    public static readonly MethodInfo InvokeFunctionAsync = RequireMethod(FunctionsApplication, "InvokeFunctionAsync");
    public static readonly MethodInfo CreateFeatures = RequireMethod(InvocationFeaturesFactory, "Create");
    public static readonly MethodInfo GetBindingsInfo = RequireMethod(OutputBindingsInfoProvider, "GetBindingsInfo");
    public static readonly MethodInfo TryCreateConversion = RequireMethod(InputConversionFeatureProvider, "TryCreate");

    private static readonly MethodInfo OpenSetFeature = typeof(IInvocationFeatures).GetMethod(nameof(IInvocationFeatures.Set))!;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, MethodInfo> ClosedSetFeature = new();

    /// <summary>
    /// The worker's generic <c>IInvocationFeatures.Set&lt;T&gt;</c>, closed over an internal feature type. Closed once per
    /// type: MakeGenericMethod on every invocation showed in the HTTP benchmark's profile.
    /// </summary>
    public static void SetFeature(IInvocationFeatures features, Type featureType, object instance)
    {
        var set = ClosedSetFeature.GetOrAdd(featureType, static type => OpenSetFeature.MakeGenericMethod(type));
        set.Invoke(features, [instance]);
    }

    private static Type Require(string name) =>
        CoreAssembly.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException(
            $"Microsoft.Azure.Functions.Worker.Core {CoreAssembly.GetName().Version} has no type '{name}'. " +
            "The host drives the worker's internal pipeline and supports exactly the Worker.Core version pinned in Directory.Packages.props.");

    private static MethodInfo RequireMethod(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException(
            $"Microsoft.Azure.Functions.Worker.Core: '{type.FullName}.{name}' is missing; pin the Worker.Core version in Directory.Packages.props.");
}
