using System.Reflection;
using Azure.Core.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Host.Admin;
using Serverless.Host.Configuration;
using Serverless.Host.Discovery;
using Serverless.Host.Http;
using Serverless.Host.Invocation;
using Serverless.Host.Queues;

namespace Serverless.Host;

/// <summary>
/// Builds the host: Kestrel for HTTP triggers, listeners for queue and timer triggers, and the isolated
/// worker's own invocation pipeline in-process. It is an <see cref="IFunctionsWorkerApplicationBuilder"/>,
/// so <c>UseMiddleware&lt;T&gt;()</c> and <c>UseWhen</c> work as with the Functions worker.
/// </summary>
public sealed class ServerlessApplicationBuilder : IFunctionsWorkerApplicationBuilder
{
    /// <summary>The Functions convention for a local host.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private readonly WebApplicationBuilder _web;
    private readonly IFunctionsWorkerApplicationBuilder _worker;
    private readonly Type[] _functionTypes;

    internal ServerlessApplicationBuilder(string[] args, IEnumerable<Type> functionTypes)
    {
        _web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        _functionTypes = functionTypes.ToArray();
        HostJsonConfiguration.AddHostJson(_web.Configuration, HostJsonPath());

        if (string.IsNullOrEmpty(_web.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrEmpty(_web.Configuration["HTTP_PORTS"]))
        {
            _web.WebHost.UseUrls(DefaultUrl);
        }

        _web.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        var services = _web.Services;
        _worker = services.AddFunctionsWorkerCore(o => o.Serializer ??= new JsonObjectSerializer(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
        // The worker's hosted service would start a gRPC client to an Azure Functions host; this host replaces it.
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == WorkerCoreInternals.WorkerHostedService).ToList())
        {
            services.Remove(descriptor);
        }

        WorkerCoreInternals.AddDefaultInputConverters.Invoke(null, [services]);
        services.AddSingleton(WorkerCoreInternals.WorkerDiagnostics, sp => WorkerDiagnosticsProxy.Create(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Serverless.Host.Worker")));
        services.AddSingleton<IConfigureOptions<HostJsonOptions>, HostJsonConfiguration.Setup>();
        services.AddSingleton<IValidateOptions<HostJsonOptions>, HostJsonConfiguration.Setup>();
        services.AddOptions<HostJsonOptions>().ValidateOnStart();
        services.AddOptions<FunctionKeysOptions>().BindConfiguration(FunctionKeysOptions.Section);
        services.AddProblemDetails();
        services.AddSingleton<FunctionDispatcher>();
        services.AddSingleton<InvocationLifetime>();
        services.AddHostedService(sp => sp.GetRequiredService<InvocationLifetime>());
        services.AddSingleton<KeyStore>();
        services.AddSingleton<HttpAuthorizer>();
        services.AddSingleton<RequestThrottle>();
        services.AddSingleton<HttpTriggerHandler>();
        services.AddSingleton<QueueOutputWriter>();
        services.AddSingleton<FunctionDiscovery>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(HostJsonOptions.DefaultShutdownGraceSeconds + 5));
    }

    /// <inheritdoc />
    public IServiceCollection Services => _web.Services;

    /// <summary>Configuration: appsettings, environment, command line, and host.json under <c>AzureFunctionsJobHost</c>.</summary>
    public IConfigurationManager Configuration => _web.Configuration;

    public IHostEnvironment Environment => _web.Environment;

    public ILoggingBuilder Logging => _web.Logging;

    /// <summary>Kestrel and web host settings (e.g. URLs).</summary>
    public IWebHostBuilder WebHost => _web.WebHost;

    /// <inheritdoc />
    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware) => _worker.Use(middleware);

    /// <summary>
    /// Discovers and validates the functions (failing with every problem listed), then builds the host.
    /// The worker's default middleware (output bindings, execution) goes after any user middleware.
    /// </summary>
    public WebApplication Build()
    {
        _worker.UseDefaultWorkerMiddleware();
        var discovered = new FunctionDiscovery(_web.Configuration).Discover(_functionTypes);

        foreach (var function in discovered.Where(f => f.Queue is not null))
        {
            _web.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueListener>(sp, function));
        }

        foreach (var function in discovered.Where(f => f.Timer is not null))
        {
            _web.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<Timers.TimerListener>(sp, function));
        }

        var app = _web.Build();
        var grace = app.Services.GetRequiredService<IOptions<HostJsonOptions>>().Value.ShutdownGracePeriod;
        app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout = grace + TimeSpan.FromSeconds(5);

        if (discovered.Any(f => f.Queue is not null || f.Outputs.Any(o => o.Type == BindingTypes.Queue))
            && app.Services.GetService<IQueueStore>() is null)
        {
            throw new FunctionIndexingException([HostMessages.NoQueueStore]);
        }

        var dispatcher = app.Services.GetRequiredService<FunctionDispatcher>();
        foreach (var function in discovered)
        {
            dispatcher.Load(function);
        }

        app.UseStatusCodePages();
        MapHttpFunctions(app, discovered);
        AdminEndpoints.Map(app, discovered);

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Serverless.Host");
        var authorizer = app.Services.GetRequiredService<HttpAuthorizer>();
        app.Lifetime.ApplicationStarted.Register(() => LogFunctions(log, app, discovered, authorizer));
        return app;
    }

    private static void MapHttpFunctions(WebApplication app, IReadOnlyList<HostFunction> functions)
    {
        var prefix = app.Services.GetRequiredService<IOptions<HostJsonOptions>>().Value.Http.RoutePrefix;
        var handler = app.Services.GetRequiredService<HttpTriggerHandler>();
        foreach (var function in functions.Where(f => f.Http is not null))
        {
            var pattern = "/" + string.Join('/', new[] { prefix, function.Http!.Route }.Where(p => p.Length > 0));
            RequestDelegate run = http => handler.HandleAsync(function, http);
            var endpoint = function.Http.Methods.Count == 0 ? app.Map(pattern, run) : app.MapMethods(pattern, function.Http.Methods, run);
            endpoint.WithDisplayName(function.Name);
        }
    }

    private static void LogFunctions(ILogger log, WebApplication app, IReadOnlyList<HostFunction> functions, HttpAuthorizer authorizer)
    {
        var prefix = app.Services.GetRequiredService<IOptions<HostJsonOptions>>().Value.Http.RoutePrefix;
        var url = app.Urls.FirstOrDefault() ?? DefaultUrl;
        log.LogInformation("Functions ({Count}):", functions.Count);
        foreach (var f in functions)
        {
            var trigger = f.Http is { } h ? $"[{(h.Methods.Count == 0 ? "ANY" : string.Join(",", h.Methods))}] {url}/{(prefix.Length > 0 ? prefix + "/" : "")}{h.Route} ({h.AuthLevel})"
                : f.Queue is { } q ? $"queue '{q.QueueName}'"
                : $"timer '{f.Timer!.Schedule}'";
            log.LogInformation("  {Name}: {Trigger}", f.Name, trigger);
        }

        if (authorizer.Disabled)
        {
            log.LogWarning("Key checks are OFF (Development environment or FunctionKeys:DisableAuthorization): every route is open.");
        }
    }

    private string HostJsonPath()
    {
        var root = _web.Configuration["AzureWebJobsScriptRoot"];
        return root is not null ? Path.Combine(root, "host.json") : Path.Combine(AppContext.BaseDirectory, "host.json");
    }
}
