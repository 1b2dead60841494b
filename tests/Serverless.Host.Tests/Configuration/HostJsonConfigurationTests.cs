using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serverless.Host.Configuration;

namespace Serverless.Host.Tests.Configuration;

public sealed class HostJsonConfigurationTests
{
    [Fact]
    public void AddHostJson_MapsSettingsAndLogLevels_EnvironmentStillWins()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            { "version": "2.0", "functionTimeout": "00:02:00",
              "logging": { "logLevel": { "default": "Warning", "Npgsql": "Error" } },
              "extensions": { "http": { "routePrefix": "" }, "queues": { "batchSize": 8, "maxDequeueCount": 3, "visibilityTimeout": "00:00:30" } } }
            """);
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "4" });
        HostJsonConfiguration.AddHostJson(configuration, path);

        var options = new HostJsonOptions();
        new HostJsonConfiguration.Setup(configuration).Configure(options);

        Assert.Equal(TimeSpan.FromMinutes(2), options.FunctionTimeout);
        Assert.Equal("", options.Http.RoutePrefix);
        Assert.Equal(4, options.Queues.BatchSize);
        Assert.Equal(3, options.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Queues.VisibilityTimeout);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Default"]);
        Assert.Equal("Error", configuration["Logging:LogLevel:Npgsql"]);
        File.Delete(path);
    }

    [Fact]
    public void Validate_BatchSizeOutOfRange_FailsNamingTheKey()
    {
        var options = new HostJsonOptions();
        options.Queues.BatchSize = 64;
        var result = new HostJsonConfiguration.Setup(new ConfigurationManager()).Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("extensions.queues.batchSize", result.FailureMessage);
    }
}
