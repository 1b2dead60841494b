using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;
using Serverless.Host.Discovery;

namespace Serverless.Host.Invocation;

/// <summary>
/// Runs one invocation through the isolated worker's own pipeline (user middleware, input converters,
/// activator, output-binding middleware), in-process. Triggers call this; it never throws for a failing
/// function: the outcome says what happened. It enforces <c>functionTimeout</c> and counts in-flight
/// invocations so shutdown can drain them.
/// </summary>
internal sealed class FunctionDispatcher
{
    private readonly object _application;
    private readonly object _featuresFactory;
    private readonly object _conversionProvider;
    private readonly ConcurrentDictionary<string, object> _outputInfo = new(StringComparer.OrdinalIgnoreCase);
    private readonly HostJsonOptions _options;
    private readonly ILogger _logger;
    private int _inFlight;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    public FunctionDispatcher(IServiceProvider services, IOptions<HostJsonOptions> options, ILogger<FunctionDispatcher> logger)
    {
        _application = services.GetRequiredService(WorkerCoreInternals.FunctionsApplication);
        _featuresFactory = services.GetRequiredService(WorkerCoreInternals.InvocationFeaturesFactory);
        _conversionProvider = services.GetRequiredService(WorkerCoreInternals.InputConversionFeatureProvider);
        OutputInfoProvider = services.GetRequiredService(WorkerCoreInternals.OutputBindingsInfoProvider);
        _options = options.Value;
        _logger = logger;
    }

    private object OutputInfoProvider { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Registers a discovered function with the worker application (once, at start-up).</summary>
    public void Load(HostFunction function)
    {
        WorkerCoreInternals.LoadFunction.Invoke(_application, [function.Definition]);
        _outputInfo[function.Name] = WorkerCoreInternals.GetBindingsInfo.Invoke(OutputInfoProvider, [function.Definition])!;
    }

    /// <summary>
    /// Invokes <paramref name="function"/>. <paramref name="triggerMetadata"/> becomes the binding data
    /// (<c>BindingContext.BindingData</c>); <paramref name="inputData"/> makes the raw inputs by parameter name
    /// once the context exists (an <c>HttpRequestData</c> needs its context). <paramref name="complete"/> runs
    /// with the outcome while the invocation's scope is still alive (writing the HTTP response, sending
    /// queue outputs); a failure there turns the outcome into a failure. The invocation is cancelled (not failed) when
    /// <paramref name="cancellationToken"/> or <paramref name="alsoCancelledBy"/> fires; two tokens so that a caller
    /// with two reasons to cancel (the client went away, shutdown) needs no linked token source of its own.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(
        HostFunction function,
        IReadOnlyDictionary<string, object?> triggerMetadata,
        Func<FunctionContext, IReadOnlyDictionary<string, object?>> inputData,
        Func<InvocationOutcome, CancellationToken, Task>? complete,
        CancellationToken cancellationToken,
        CancellationToken alsoCancelledBy = default)
    {
        Interlocked.Increment(ref _inFlight);
        var invocationId = Guid.NewGuid().ToString();
        var started = Stopwatch.GetTimestamp();
        var cancelled = new Cancellation(cancellationToken, alsoCancelledBy);
        using var timeout = alsoCancelledBy.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, alsoCancelledBy)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.FunctionTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        FunctionContext? context = null;
        using var scope = _logger.BeginScope(new InvocationLogScope(function.Name, invocationId));
        try
        {
            var outcome = await RunAsync(function, invocationId, triggerMetadata, inputData, timeout, cancelled, c => context = c).ConfigureAwait(false);
            if (complete is not null && outcome.Status != InvocationStatus.Cancelled)
            {
                try
                {
                    await complete(outcome, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!IsFatal(e) && outcome.Status == InvocationStatus.Succeeded)
                {
                    // Output bindings are written after user code, as on Azure: their failure fails the invocation.
                    _logger.LogError(e, "Function '{Function}' (Id={InvocationId}) succeeded but writing its outputs failed", function.Name, invocationId);
                    outcome = InvocationOutcome.Failed(invocationId, e);
                }
            }

            var level = outcome.Status == InvocationStatus.Succeeded ? LogLevel.Information : LogLevel.Warning;
            if (_logger.IsEnabled(level))
            {
                // Checked first: the call boxes its arguments and looks up the template even when the level is off.
                _logger.Log(level, "Executed '{Function}' ({Status}, Id={InvocationId}, Duration={Duration}ms)", function.Name, outcome.Status, invocationId, Elapsed(started));
            }
            return outcome;
        }
        finally
        {
            if (context is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
            {
                _idle.TrySetResult();
            }
        }
    }

    private async Task<InvocationOutcome> RunAsync(
        HostFunction function,
        string invocationId,
        IReadOnlyDictionary<string, object?> triggerMetadata,
        Func<FunctionContext, IReadOnlyDictionary<string, object?>> inputData,
        CancellationTokenSource timeout,
        Cancellation cancelled,
        Action<FunctionContext> created)
    {
        try
        {
            var features = (IInvocationFeatures)WorkerCoreInternals.CreateFeatures.Invoke(_featuresFactory, null)!;
            features.Set<FunctionInvocation>(new HostFunctionInvocation(invocationId, function.Name));
            var context = (FunctionContext)WorkerCoreInternals.CreateContext.Invoke(_application, [features, timeout.Token])!;
            created(context);
            var bindings = new InvocationBindings(triggerMetadata, inputData(context), _outputInfo[function.Name]);
            WorkerCoreInternals.SetFeature(features, WorkerCoreInternals.FunctionBindingsFeature, FunctionBindingsProxy.Create(bindings));
            var conversionArgs = new object?[] { WorkerCoreInternals.DefaultInputConversionFeature, null };
            if ((bool)WorkerCoreInternals.TryCreateConversion.Invoke(_conversionProvider, conversionArgs)!)
            {
                WorkerCoreInternals.SetFeature(features, WorkerCoreInternals.InputConversionFeature, conversionArgs[1]!);
            }

            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("Executing '{Function}' (Id={InvocationId})", function.Name, invocationId);
            }
            var run = (Task)WorkerCoreInternals.InvokeFunctionAsync.Invoke(_application, [context])!;
            await run.WaitAsync(timeout.Token).ConfigureAwait(false);
            return InvocationOutcome.Succeeded(invocationId, bindings.InvocationResult, bindings.OutputBindingData);
        }
        catch (Exception e) when (IsCancellation(e) && timeout.IsCancellationRequested && !cancelled.IsRequested)
        {
            _logger.LogError("Timeout value of {Timeout} exceeded by function '{Function}' (Id={InvocationId}). Cancelling.", _options.FunctionTimeout, function.Name, invocationId);
            return InvocationOutcome.TimedOut(invocationId, _options.FunctionTimeout!.Value);
        }
        catch (Exception e) when (IsCancellation(e) && cancelled.IsRequested)
        {
            return InvocationOutcome.Cancelled(invocationId);
        }
        catch (Exception e) when (!IsFatal(e))
        {
            var error = Unwrap(e);
            _logger.LogError(error, "Function '{Function}' (Id={InvocationId}) failed", function.Name, invocationId);
            return InvocationOutcome.Failed(invocationId, error);
        }
    }

    /// <summary>The user's exception, not the reflection or task wrappers around it (it becomes the logged and poison reason).</summary>
    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };

    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || e.InnerException is OperationCanceledException || e is TargetInvocationException { InnerException: OperationCanceledException };

    /// <summary>Completes when no invocation is running (after <see cref="BeginDrain"/>).</summary>
    public Task WhenIdleAsync()
    {
        if (InFlight == 0)
        {
            _idle.TrySetResult();
        }

        return _idle.Task;
    }

    /// <summary>From now on, the last finishing invocation signals <see cref="WhenIdleAsync"/>.</summary>
    public void BeginDrain() => _draining = true;

    /// <summary>The caller's reasons to cancel, as opposed to the timeout.</summary>
    private readonly record struct Cancellation(CancellationToken First, CancellationToken Second)
    {
        public bool IsRequested => First.IsCancellationRequested || Second.IsCancellationRequested;
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static bool IsFatal(Exception e) => e is OutOfMemoryException or StackOverflowException or AccessViolationException;
}
