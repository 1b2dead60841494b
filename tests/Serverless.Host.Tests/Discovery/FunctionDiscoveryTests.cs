using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Configuration;
using Serverless.Host.Discovery;

namespace Serverless.Host.Tests.Discovery;

public sealed class FunctionDiscoveryTests
{
    private static FunctionDiscovery Discovery(Dictionary<string, string?>? settings = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());

    [Fact]
    public void Discover_DuplicateNames_ReportsBothMethods()
    {
        var e = Assert.Throws<FunctionIndexingException>(() => Discovery().Discover([typeof(DuplicateA), typeof(DuplicateB)]));
        var problem = Assert.Single(e.Problems);
        Assert.Contains("'Same'", problem);
        Assert.Contains("DuplicateA.Run", problem);
        Assert.Contains("DuplicateB.Run", problem);
    }

    [Fact]
    public void Discover_EveryMistake_IsListedWithAFix()
    {
        var e = Assert.Throws<FunctionIndexingException>(() => Discovery().Discover([typeof(Mistakes)]));
        Assert.Contains(e.Problems, p => p.Contains("'NoTrigger'") && p.Contains("add [HttpTrigger]"));
        Assert.Contains(e.Problems, p => p.Contains("'BadQueue'") && p.Contains("queue name 'bad_queue'"));
        Assert.Contains(e.Problems, p => p.Contains("'NoResponse'") && p.Contains("returns no HttpResponseData"));
        Assert.Contains(e.Problems, p => p.Contains("'Reserved'") && p.Contains("reserved"));
        Assert.Contains(e.Problems, p => p.Contains("'Missing'") && p.Contains("'%QueueSetting%'") && p.Contains("QueueSetting"));
        Assert.Contains(e.Problems, p => p.Contains("'BadTimer'") && p.Contains("NCRONTAB"));
        Assert.Equal(6, e.Problems.Count);
    }

    [Fact]
    public void Discover_SettingExpression_IsResolvedFromConfiguration()
    {
        var function = Assert.Single(Discovery(new() { ["QueueSetting"] = "Jobs-Queue" }).Discover([typeof(FromSetting)]));
        Assert.Equal("jobs-queue", function.Queue!.QueueName);
    }

    [Fact]
    public void Discover_HttpDefaults_RouteIsFunctionNameAndAnyMethod()
    {
        var function = Assert.Single(Discovery().Discover([typeof(DefaultRoute)]));
        Assert.Equal("Plain", function.Http!.Route);
        Assert.Empty(function.Http.Methods);
        Assert.Equal(AuthorizationLevel.Function, function.Http.AuthLevel);
        Assert.Equal("httpTrigger", function.Definition.InputBindings["req"].Type);
        Assert.Equal("http", function.Definition.OutputBindings["$return"].Type);
    }

    public sealed class DuplicateA
    {
        [Function("Same")]
        public HttpResponseData Run([HttpTrigger] HttpRequestData req) => req.CreateResponse();
    }

    public sealed class DuplicateB
    {
        [Function("same")]
        public HttpResponseData Run([HttpTrigger] HttpRequestData req) => req.CreateResponse();
    }

    public sealed class DefaultRoute
    {
        [Function("Plain")]
        public HttpResponseData Run([HttpTrigger] HttpRequestData req) => req.CreateResponse();
    }

    public sealed class FromSetting
    {
        [Function("FromSetting")]
        public void Run([QueueTrigger("%QueueSetting%")] string message)
        {
        }
    }

    public sealed class Mistakes
    {
        [Function("NoTrigger")]
        public void NoTrigger(string input)
        {
        }

        [Function("BadQueue")]
        public void BadQueue([QueueTrigger("bad_queue")] string message)
        {
        }

        [Function("NoResponse")]
        public void NoResponse([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequestData req)
        {
        }

        [Function("Reserved")]
        public HttpResponseData Reserved([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/stuff")] HttpRequestData req) => req.CreateResponse();

        [Function("Missing")]
        public void Missing([QueueTrigger("%QueueSetting%")] string message)
        {
        }

        [Function("BadTimer")]
        public void BadTimer([TimerTrigger("every five minutes")] TimerInfo timer)
        {
        }
    }
}
