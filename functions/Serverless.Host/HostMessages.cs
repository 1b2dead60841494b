using Microsoft.Azure.Functions.Worker;

namespace Serverless.Host;

/// <summary>Start-up error texts, kept together so they stay consistent and say how to fix the problem.</summary>
internal static class HostMessages
{
    public static string DuplicateFunctionName(string name, IEnumerable<string> methods) =>
        $"Function name '{name}' is used by {string.Join(" and ", methods)}. Function names must be unique (case-insensitive): rename one [Function(\"...\")].";

    public static string BadFunctionName(string name, string method) =>
        $"Function name '{name}' on {method} is invalid: use a letter first, then letters, digits, '_' or '-' (at most 128).";

    public static string NotPublic(string name, string method) =>
        $"Function '{name}': {method} must be a public method of a public class.";

    public static string AbstractType(string name, string method) =>
        $"Function '{name}': {method} is an instance method of an abstract class; make the class concrete or the method static.";

    public static string SeveralBindingsOnParameter(string name, string parameter) =>
        $"Function '{name}': parameter '{parameter}' has several binding attributes; keep one.";

    public static string SeveralTriggers(string name, string method) =>
        $"Function '{name}' ({method}) has more than one trigger; a function has exactly one trigger parameter.";

    public static string NoTrigger(string name, string method) =>
        $"Function '{name}' ({method}) has no trigger: add [HttpTrigger], [QueueTrigger] or [TimerTrigger] to one parameter.";

    public static string HttpTriggerType(string name, string parameter, Type type) =>
        $"Function '{name}': the [HttpTrigger] parameter '{parameter}' is {type.Name}; this host binds HttpRequestData (Microsoft.Azure.Functions.Worker.Http).";

    public static string HttpWithoutResponse(string name, string method) =>
        $"Function '{name}' ({method}) is HTTP-triggered but returns no HttpResponseData: return one, or a class with an HttpResponseData / [HttpResult] property.";

    public static string UnsupportedBinding(string name, string parameter, Type attribute) =>
        $"Function '{name}': binding {attribute.Name} on '{parameter}' is not supported by this host (supported: HttpTrigger, QueueTrigger, TimerTrigger, QueueOutput, HttpResult).";

    public static string UnsupportedAuthLevel(string name, AuthorizationLevel level) =>
        $"Function '{name}': authorization level {level} is not supported; use Anonymous, Function or Admin.";

    public static string BadRoute(string name, string route, string error) =>
        $"Function '{name}': route template '{route}' is invalid ({error}).";

    public static string ReservedRoute(string name, string route) =>
        $"Function '{name}': route '{route}' is reserved by the host (admin/, runtime/webhooks); choose another route.";

    public static string BadQueueName(string name, string queue) =>
        $"Function '{name}': queue name '{queue}' is invalid: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.";

    public static string MissingSetting(string name, string key) =>
        $"Function '{name}': binding expression '%{key}%' has no value; set the configuration key '{key}' (environment variable '{key.Replace(":", "__", StringComparison.Ordinal)}').";

    public static string BadSchedule(string name, string schedule, string error) =>
        $"Function '{name}': timer schedule '{schedule}' is not a valid NCRONTAB expression ({error}); e.g. \"0 */5 * * * *\" (seconds first).";

    public static string NoQueueStore =>
        "The function app has queue-triggered or queue-output functions but no queue store is registered: call services.AddPostgresStorage() (or another IQueueStore).";
}
