using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Serverless.Host.Invocation;

/// <summary>
/// Implements the worker's internal <c>IWorkerDiagnostics</c> (normally sent to the Functions host over gRPC)
/// by logging at debug level.
/// </summary>
public class WorkerDiagnosticsProxy : DispatchProxy
{
    private ILogger _logger = null!;

    internal static object Create(ILogger logger)
    {
        var proxy = DispatchProxy.Create(WorkerCoreInternals.WorkerDiagnostics, typeof(WorkerDiagnosticsProxy));
        ((WorkerDiagnosticsProxy)proxy)._logger = logger;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        _logger.LogDebug("Worker {Event}: {Argument}", targetMethod?.Name, args is { Length: > 0 } ? args[0] : null);
        return null;
    }
}
