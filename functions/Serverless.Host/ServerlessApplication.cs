using System.Reflection;

namespace Serverless.Host;

/// <summary>
/// Entry point of a function app run by this host, in the shape of the worker's
/// <c>FunctionsApplication.CreateBuilder(args)</c>: configure services and worker middleware, then <c>Build().Run()</c>.
/// </summary>
public static class ServerlessApplication
{
    /// <summary>Creates a builder for the <c>[Function]</c> methods of the entry assembly (or of the assemblies given).</summary>
    public static ServerlessApplicationBuilder CreateBuilder(string[] args, params Assembly[] functionAssemblies) =>
        new(args, (functionAssemblies.Length > 0 ? functionAssemblies : [Assembly.GetEntryAssembly()!]).SelectMany(a => a.GetTypes()));

    /// <summary>Creates a builder for the <c>[Function]</c> methods of the given classes only.</summary>
    public static ServerlessApplicationBuilder CreateBuilder(string[] args, IEnumerable<Type> functionClasses) =>
        new(args, functionClasses);
}
