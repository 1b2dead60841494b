namespace Serverless.Functions.Tests.Cli;

/// <summary><c>serverless enqueue</c>: JSON checked locally, then posted to the host's admin queue route.</summary>
public sealed class EnqueueCommandTests
{
    private const string MasterKey = "test-master-key-9a0364b9";

    [Fact]
    public async Task Enqueue_InvalidJson_FailsAndSendsNothing()
    {
        await using var host = await LoopbackHost.StartAsync(_ => CannedResponse.Json(201, """{"id":"1"}"""));

        var run = await CliRun.RunAsync("enqueue", "link-checks", "{\"tenderId\": ", "--url", host.Url, "--key", MasterKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not valid JSON", run.Error);
        Assert.Contains("nothing was sent", run.Error);
        Assert.Equal("", run.Out);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task Enqueue_ValidJson_PostsItWithTheKeyAndPrintsTheMessageId()
    {
        const string message = """{"tenderId":"0b8f2f3e-6c1a-4d7e-9f21-5a3c8e1d7b40"}""";
        await using var host = await LoopbackHost.StartAsync(_ =>
            CannedResponse.Json(201, """{"id":"42","queue":"link-checks","insertionTime":"2025-03-01T10:00:00+00:00"}"""));

        var run = await CliRun.RunAsync("enqueue", "link-checks", message, "--url", host.Url, "--key", MasterKey);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("42", run.Out.Trim());
        var request = Assert.Single(host.Received);
        Assert.Equal("/admin/queues/link-checks/messages", request.Path);
        Assert.Equal(MasterKey, request.Key);
        Assert.Equal(message, System.Text.Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Enqueue_HostRefuses_ExitsOneWithTheProblem()
    {
        await using var host = await LoopbackHost.StartAsync(_ =>
            CannedResponse.Problem(401, "Unauthorized", "Admin routes need the master key (x-functions-key header)."));

        var run = await CliRun.RunAsync("enqueue", "link-checks", "{}", "--url", host.Url, "--key", "function-key");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unauthorized: Admin routes need the master key", run.Error);
        Assert.DoesNotContain("function-key", run.Error);
    }
}
