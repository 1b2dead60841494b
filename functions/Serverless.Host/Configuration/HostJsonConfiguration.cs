using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace Serverless.Host.Configuration;

/// <summary>
/// Loads <c>host.json</c> under <see cref="HostJsonOptions.Section"/> with the lowest precedence, so environment
/// variables (<c>AzureFunctionsJobHost__...</c>) override it as on Azure, and maps its keys onto <see cref="HostJsonOptions"/>.
/// </summary>
internal static class HostJsonConfiguration
{
    private const string LogLevelPrefix = "logging:logLevel:";

    public static void AddHostJson(IConfigurationManager configuration, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var file = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        var settings = file.AsEnumerable().Where(kv => kv.Value is not null).ToList();
        var prefixed = settings.Select(kv => new KeyValuePair<string, string?>(HostJsonOptions.Section + ":" + kv.Key, kv.Value));
        // host.json logging.logLevel filters categories as on Azure: map it onto Microsoft.Extensions.Logging's section.
        var logLevels = settings
            .Where(kv => kv.Key.StartsWith(LogLevelPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(kv => new KeyValuePair<string, string?>(
                "Logging:LogLevel:" + (kv.Key[LogLevelPrefix.Length..] is var category && category.Equals("default", StringComparison.OrdinalIgnoreCase) ? "Default" : category),
                kv.Value));
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = prefixed.Concat(logLevels) });
    }

    /// <summary>Binds the options and rejects values Azure would reject, naming the key to fix.</summary>
    internal sealed class Setup(IConfiguration configuration) : IConfigureOptions<HostJsonOptions>, IValidateOptions<HostJsonOptions>
    {
        public void Configure(HostJsonOptions options)
        {
            var host = configuration.GetSection(HostJsonOptions.Section);
            if (host["functionTimeout"] is { } timeout)
            {
                options.FunctionTimeout = timeout.Trim() == "-1" ? null : ParseTime("functionTimeout", timeout);
            }

            if (host["shutdownGracePeriod"] is { } grace)
            {
                options.ShutdownGracePeriod = ParseTime("shutdownGracePeriod", grace);
            }

            var http = host.GetSection("extensions:http");
            options.Http.RoutePrefix = (http["routePrefix"] ?? options.Http.RoutePrefix).Trim('/');
            options.Http.MaxConcurrentRequests = ParseInt(http, "maxConcurrentRequests") ?? options.Http.MaxConcurrentRequests;
            options.Http.MaxOutstandingRequests = ParseInt(http, "maxOutstandingRequests") ?? options.Http.MaxOutstandingRequests;
            options.Http.MaxRequestBodySize = ParseLong(http, "maxRequestBodySize") ?? options.Http.MaxRequestBodySize;
            foreach (var header in http.GetSection("customHeaders").GetChildren())
            {
                options.Http.CustomHeaders[header.Key] = header.Value ?? string.Empty;
            }

            var queues = host.GetSection("extensions:queues");
            options.Queues.BatchSize = ParseInt(queues, "batchSize") ?? options.Queues.BatchSize;
            options.Queues.NewBatchThreshold = ParseInt(queues, "newBatchThreshold") ?? options.Queues.NewBatchThreshold;
            options.Queues.MaxDequeueCount = ParseInt(queues, "maxDequeueCount") ?? options.Queues.MaxDequeueCount;
            options.Queues.MaxPollingInterval = queues["maxPollingInterval"] is { } poll ? ParseTime("extensions.queues.maxPollingInterval", poll) : options.Queues.MaxPollingInterval;
            options.Queues.VisibilityTimeout = queues["visibilityTimeout"] is { } visibility ? ParseTime("extensions.queues.visibilityTimeout", visibility) : options.Queues.VisibilityTimeout;
            options.Queues.MessageLease = queues["messageLease"] is { } lease ? ParseTime("extensions.queues.messageLease", lease) : options.Queues.MessageLease;
        }

        public ValidateOptionsResult Validate(string? name, HostJsonOptions options)
        {
            var errors = new List<string>();
            if (options.Queues.BatchSize is < 1 or > QueueOptions.MaxBatchSize)
            {
                errors.Add($"host.json extensions.queues.batchSize must be 1 to {QueueOptions.MaxBatchSize}, not {options.Queues.BatchSize}.");
            }

            if (options.Queues.NewBatchThreshold is < 0)
            {
                errors.Add("host.json extensions.queues.newBatchThreshold must not be negative.");
            }

            if (options.Queues.MaxDequeueCount < 1)
            {
                errors.Add("host.json extensions.queues.maxDequeueCount must be at least 1.");
            }

            if (options.Queues.MaxPollingInterval < QueueOptions.MinPollingInterval)
            {
                errors.Add($"host.json extensions.queues.maxPollingInterval must be at least {QueueOptions.MinPollingInterval}.");
            }

            if (options.Queues.VisibilityTimeout < TimeSpan.Zero)
            {
                errors.Add("host.json extensions.queues.visibilityTimeout must not be negative.");
            }

            if (options.FunctionTimeout is { } t && t <= TimeSpan.Zero)
            {
                errors.Add("host.json functionTimeout must be positive, or -1 for unbounded.");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        private static TimeSpan ParseTime(string key, string value) =>
            TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var time)
                ? time
                : throw new OptionsValidationException(key, typeof(HostJsonOptions), [$"host.json {key}: '{value}' is not a time span such as \"00:05:00\"."]);

        private static int? ParseInt(IConfiguration section, string key) =>
            section[key] is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

        private static long? ParseLong(IConfiguration section, string key) =>
            section[key] is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : null;
    }
}
