using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Benchmarks.Functions;

namespace Serverless.Benchmarks.Servers;

/// <summary>
/// The floor of the HTTP and cold-start figures: a bare ASP.NET Core minimal endpoint doing what the trivial function
/// does, built with the same settings (it is the same program) and started the same way.
/// </summary>
internal static class BareServer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var app = builder.Build();
        app.MapGet(HelloFunction.Path, () => Results.Text(HelloFunction.Text, HelloFunction.ContentType));
        ParentWatch.StopWhenInputCloses(app.Lifetime);
        await app.RunAsync();
    }
}
