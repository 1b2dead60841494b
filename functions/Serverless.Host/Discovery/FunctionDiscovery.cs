using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Configuration;

namespace Serverless.Host.Discovery;

/// <summary>
/// Finds <c>[Function]</c> methods once at start-up, turns their attributes into worker definitions
/// and validates them. Every problem is collected and reported together, each saying how to fix it.
/// </summary>
internal sealed partial class FunctionDiscovery(IConfiguration configuration)
{
    /// <summary>Discovers and validates; throws <see cref="FunctionIndexingException"/> listing every problem.</summary>
    public IReadOnlyList<HostFunction> Discover(IEnumerable<Type> types)
    {
        var problems = new List<string>();
        var functions = new List<HostFunction>();
        foreach (var method in types.Distinct().SelectMany(FunctionMethods))
        {
            var function = Describe(method, problems);
            if (function is not null)
            {
                functions.Add(function);
            }
        }

        foreach (var duplicate in functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add(HostMessages.DuplicateFunctionName(duplicate.Key, duplicate.Select(f => Describe(f.Method))));
        }

        if (problems.Count > 0)
        {
            throw new FunctionIndexingException(problems);
        }

        return functions;
    }

    private static IEnumerable<MethodInfo> FunctionMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    private HostFunction? Describe(MethodInfo method, List<string> problems)
    {
        var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
        var where = Describe(method);
        var before = problems.Count;

        if (!FunctionNamePattern().IsMatch(name))
        {
            problems.Add(HostMessages.BadFunctionName(name, where));
        }

        if (!method.IsPublic || method.DeclaringType is not { IsPublic: true } && method.DeclaringType is not { IsNestedPublic: true })
        {
            problems.Add(HostMessages.NotPublic(name, where));
        }

        if (method.DeclaringType is { IsAbstract: true } && !method.IsStatic)
        {
            problems.Add(HostMessages.AbstractType(name, where));
        }

        var parameters = ImmutableArray.CreateBuilder<FunctionParameter>();
        var inputs = ImmutableDictionary.CreateBuilder<string, BindingMetadata>(StringComparer.OrdinalIgnoreCase);
        HttpTriggerInfo? http = null;
        QueueTriggerInfo? queue = null;
        TimerTriggerInfo? timer = null;
        string? triggerParameter = null;
        Type? triggerParameterType = null;

        foreach (var parameter in method.GetParameters())
        {
            var parameterType = parameter.ParameterType;
            parameters.Add(new FunctionParameter(parameter.Name!, parameterType, parameter.HasDefaultValue, parameter.HasDefaultValue ? parameter.DefaultValue : null));
            var binding = parameter.GetCustomAttributes().OfType<BindingAttribute>().ToList();
            if (binding.Count == 0)
            {
                continue;
            }

            if (binding.Count > 1)
            {
                problems.Add(HostMessages.SeveralBindingsOnParameter(name, parameter.Name!));
                continue;
            }

            switch (binding[0])
            {
                case TriggerBindingAttribute when triggerParameter is not null:
                    problems.Add(HostMessages.SeveralTriggers(name, where));
                    break;
                case HttpTriggerAttribute h:
                    http = DescribeHttp(name, h, problems);
                    if (parameterType != typeof(HttpRequestData))
                    {
                        problems.Add(HostMessages.HttpTriggerType(name, parameter.Name!, parameterType));
                    }

                    (triggerParameter, triggerParameterType) = (parameter.Name!, parameterType);
                    inputs[parameter.Name!] = new HostBindingMetadata(parameter.Name!, BindingTypes.HttpTrigger, BindingDirection.In);
                    break;
                case QueueTriggerAttribute q:
                    queue = new QueueTriggerInfo(ResolveQueueName(name, q.QueueName, problems), q.Connection);
                    (triggerParameter, triggerParameterType) = (parameter.Name!, parameterType);
                    inputs[parameter.Name!] = new HostBindingMetadata(parameter.Name!, BindingTypes.QueueTrigger, BindingDirection.In);
                    break;
                case TimerTriggerAttribute t:
                    timer = DescribeTimer(name, t, problems);
                    (triggerParameter, triggerParameterType) = (parameter.Name!, parameterType);
                    inputs[parameter.Name!] = new HostBindingMetadata(parameter.Name!, BindingTypes.TimerTrigger, BindingDirection.In);
                    break;
                default:
                    problems.Add(HostMessages.UnsupportedBinding(name, parameter.Name!, binding[0].GetType()));
                    break;
            }
        }

        if (triggerParameter is null)
        {
            problems.Add(HostMessages.NoTrigger(name, where));
        }

        var outputs = DescribeOutputs(name, method, http is not null, problems);
        if (problems.Count > before)
        {
            return null;
        }

        var outputBindings = outputs.ToImmutableDictionary(
            o => o.Name,
            o => (BindingMetadata)new HostBindingMetadata(o.Name, o.Type, BindingDirection.Out),
            StringComparer.OrdinalIgnoreCase);

        var definition = new WorkerFunctionDefinition(
            name,
            $"{method.DeclaringType!.FullName}.{method.Name}",
            method.DeclaringType.Assembly.Location,
            parameters.ToImmutable(),
            inputs.ToImmutable(),
            outputBindings);

        return new HostFunction
        {
            Name = name,
            Method = method,
            Definition = definition,
            TriggerParameter = triggerParameter!,
            TriggerParameterType = triggerParameterType!,
            Http = http,
            Queue = queue,
            Timer = timer,
            Outputs = outputs,
        };
    }

    private static HttpTriggerInfo DescribeHttp(string function, HttpTriggerAttribute trigger, List<string> problems)
    {
        var route = (trigger.Route ?? function).Trim('/');
        try
        {
            RoutePatternFactory.Parse(route);
        }
        catch (RoutePatternException e)
        {
            problems.Add(HostMessages.BadRoute(function, route, e.Message));
        }

        if (route.Equals("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("admin/", StringComparison.OrdinalIgnoreCase)
            || route.StartsWith("runtime/webhooks", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(HostMessages.ReservedRoute(function, route));
        }

        var methods = (trigger.Methods ?? []).Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).Distinct().ToList();
        if (trigger.AuthLevel == AuthorizationLevel.System || trigger.AuthLevel == AuthorizationLevel.User)
        {
            problems.Add(HostMessages.UnsupportedAuthLevel(function, trigger.AuthLevel));
        }

        return new HttpTriggerInfo(methods, route, trigger.AuthLevel);
    }

    private TimerTriggerInfo DescribeTimer(string function, TimerTriggerAttribute trigger, List<string> problems)
    {
        var schedule = ResolveSetting(function, trigger.Schedule, problems);
        if (!Timers.NCrontabSchedule.TryParse(schedule, out _, out var error))
        {
            problems.Add(HostMessages.BadSchedule(function, schedule, error!));
        }

        return new TimerTriggerInfo(schedule, trigger.RunOnStartup, trigger.UseMonitor);
    }

    private List<OutputBindingInfo> DescribeOutputs(string function, MethodInfo method, bool isHttp, List<string> problems)
    {
        var outputs = new List<OutputBindingInfo>();
        var returnType = UnwrapTask(method.ReturnType);
        // The worker's convention puts a return-value binding on the method ([QueueOutput("q")]); [return: ...] works too.
        var returnBinding = method.GetCustomAttributes().OfType<OutputBindingAttribute>()
            .Concat(method.ReturnParameter.GetCustomAttributes().OfType<OutputBindingAttribute>()).ToList();
        if (returnBinding.Count > 0)
        {
            AddOutput(function, BindingTypes.ReturnName, returnBinding[0], outputs, problems);
        }
        else if (returnType == typeof(HttpResponseData))
        {
            outputs.Add(new OutputBindingInfo(BindingTypes.ReturnName, BindingTypes.Http, null));
        }
        else if (returnType is not null && returnType != typeof(void) && returnType.IsClass && returnType != typeof(string))
        {
            // A multi-output class: each property with an output binding attribute, plus any HttpResponseData property.
            foreach (var property in returnType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var attribute = property.GetCustomAttributes().OfType<OutputBindingAttribute>().FirstOrDefault();
                if (attribute is not null)
                {
                    AddOutput(function, property.Name, attribute, outputs, problems);
                }
                else if (property.PropertyType == typeof(HttpResponseData))
                {
                    outputs.Add(new OutputBindingInfo(property.Name, BindingTypes.Http, null));
                }
            }
        }

        if (isHttp && !outputs.Any(o => o.Type == BindingTypes.Http))
        {
            problems.Add(HostMessages.HttpWithoutResponse(function, Describe(method)));
        }

        return outputs;
    }

    private void AddOutput(string function, string name, OutputBindingAttribute attribute, List<OutputBindingInfo> outputs, List<string> problems)
    {
        switch (attribute)
        {
            case QueueOutputAttribute q:
                outputs.Add(new OutputBindingInfo(name, BindingTypes.Queue, ResolveQueueName(function, q.QueueName, problems)));
                break;
            case HttpResultAttribute:
                outputs.Add(new OutputBindingInfo(name, BindingTypes.Http, null));
                break;
            default:
                problems.Add(HostMessages.UnsupportedBinding(function, name, attribute.GetType()));
                break;
        }
    }

    private string ResolveQueueName(string function, string queueName, List<string> problems)
    {
        var before = problems.Count;
        var resolved = ResolveSetting(function, queueName, problems).ToLowerInvariant();
        if (problems.Count == before && !Queues.QueueNames.IsValid(resolved))
        {
            problems.Add(HostMessages.BadQueueName(function, resolved));
        }

        return resolved;
    }

    /// <summary>Resolves <c>%Setting%</c> binding expressions from configuration, as the Functions host does.</summary>
    private string ResolveSetting(string function, string value, List<string> problems) =>
        SettingExpression().Replace(value, match =>
        {
            var key = match.Groups[1].Value;
            var setting = configuration[key];
            if (setting is null)
            {
                problems.Add(HostMessages.MissingSetting(function, key));
                return match.Value;
            }

            return setting;
        });

    private static Type? UnwrapTask(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask) ? typeof(void)
        : type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)) ? type.GetGenericArguments()[0]
        : type;

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionNamePattern();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingExpression();
}
