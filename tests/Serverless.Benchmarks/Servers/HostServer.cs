using Serverless.Benchmarks.Functions;
using Serverless.Host;
using Serverless.Storage.S3;

namespace Serverless.Benchmarks.Servers;

/// <summary>Our host with the benchmark's functions, as a function app's Program.cs would run it.</summary>
internal static class HostServer
{
    public static async Task RunAsync(string[] args, bool withStorage)
    {
        Type[] functions = withStorage ? [typeof(HelloFunction), typeof(UploadFunction)] : [typeof(HelloFunction)];
        var builder = ServerlessApplication.CreateBuilder(args, functions);
        if (withStorage)
        {
            builder.Services.AddS3ObjectStore();
        }

        var app = builder.Build();
        ParentWatch.StopWhenInputCloses(app.Lifetime);
        await app.RunAsync();
    }
}
