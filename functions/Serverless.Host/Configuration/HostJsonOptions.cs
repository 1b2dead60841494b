namespace Serverless.Host.Configuration;

/// <summary>
/// The <c>host.json</c> settings this host honours, with Azure's defaults for a dedicated (non-Consumption) plan.
/// Read from configuration section <see cref="Section"/>, so <c>AzureFunctionsJobHost__functionTimeout</c> and
/// friends override the file exactly as on Azure.
/// </summary>
public sealed class HostJsonOptions
{
    /// <summary>The configuration section host.json is loaded under.</summary>
    public const string Section = "AzureFunctionsJobHost";

    /// <summary>Azure's default on dedicated and container plans.</summary>
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Null means unbounded (<c>"-1"</c> in host.json).</summary>
    public TimeSpan? FunctionTimeout { get; set; } = DefaultFunctionTimeout;

    public HttpOptions Http { get; } = new();

    public QueueOptions Queues { get; } = new();

    /// <summary>How long in-flight invocations may run after SIGTERM before they are cancelled.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(DefaultShutdownGraceSeconds);

    public const int DefaultShutdownGraceSeconds = 25;
}

/// <summary><c>extensions.http</c>.</summary>
public sealed class HttpOptions
{
    public const string DefaultRoutePrefix = "api";

    public string RoutePrefix { get; set; } = DefaultRoutePrefix;

    /// <summary>Executing requests at once; over it the host answers 429. -1 = unbounded (Azure's dedicated default).</summary>
    public int MaxConcurrentRequests { get; set; } = -1;

    /// <summary>Executing plus waiting requests; over it the host answers 429. -1 = unbounded.</summary>
    public int MaxOutstandingRequests { get; set; } = -1;

    public Dictionary<string, string> CustomHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Largest request body accepted, in bytes (413 above). Not in Azure's host.json; Azure caps at 100 MB.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    public const long DefaultMaxRequestBodySize = 100L * 1024 * 1024;
}

/// <summary><c>extensions.queues</c>, with Azure's meanings.</summary>
public sealed class QueueOptions
{
    public const int DefaultBatchSize = 16;
    public const int MaxBatchSize = 32;
    public const int DefaultMaxDequeueCount = 5;
    public static readonly TimeSpan DefaultMaxPollingInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages fetched at once per function and instance (1-32).</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>When in-flight messages fall to this number, the next batch is fetched. Default: vCPUs * batchSize / 2.</summary>
    public int? NewBatchThreshold { get; set; }

    /// <summary>Longest wait between polls of an idle queue (randomised exponential back-off up to this).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = DefaultMaxPollingInterval;

    /// <summary>Delay before a failed message becomes visible again (the retry delay).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Attempts before a message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; set; } = DefaultMaxDequeueCount;

    /// <summary>How long a received message stays invisible; renewed while its function runs (Azure: 10 min).</summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(10);

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? Environment.ProcessorCount * BatchSize / 2;
}
