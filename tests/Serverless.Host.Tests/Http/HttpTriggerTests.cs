using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests.Http;

public sealed class HttpTriggerTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync([typeof(HttpFunctions), typeof(OutputFunctions)], b =>
        {
            b.Services.AddScoped<Greeting>();
            b.UseMiddleware<StampMiddleware>();
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_RouteWithValue_BindsRouteValueToParameter()
    {
        var body = await _host.Client.GetStringAsync("/api/hello/Ada");
        Assert.Equal("Hello, Ada!", body);
    }

    [Fact]
    public async Task Get_RouteConstraintNotMet_Returns404ProblemJson()
    {
        var response = await _host.Client.GetAsync("/api/hello/4da");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_UnknownRoute_Returns404ProblemJson()
    {
        var response = await _host.Client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_ToGetOnlyRoute_Returns405ProblemJson()
    {
        var response = await _host.Client.PostAsync("/api/hello/Ada", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_IntConstraintAndQuery_ReachBindingData()
    {
        Assert.Equal("GET item 42 q=abc", await _host.Client.GetStringAsync("/api/items/42?q=abc"));
        var delete = await _host.Client.DeleteAsync("/api/items/7");
        Assert.Equal("DELETE item 7 q=", await delete.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Middleware_ReadsRequestAndStampsResponse()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/hello/Bob");
        request.Headers.Add("x-tag", "blue");
        var response = await _host.Client.SendAsync(request);
        Assert.Equal("Hello:blue", response.Headers.GetValues("x-stamp").Single());
    }

    [Fact]
    public async Task Keyed_WithoutKey_Returns401ProblemJson()
    {
        var response = await _host.Client.GetAsync("/api/keyed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(TestHost.FunctionKey)]
    [InlineData(TestHost.HostKey)]
    [InlineData(TestHost.MasterKey)]
    public async Task Keyed_WithFunctionHostOrMasterKeyHeader_Returns200(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/keyed");
        request.Headers.Add("x-functions-key", key);
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("keyed ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keyed_WithCodeQuery_Returns200_AndWrongKey401()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync($"/api/keyed?code={TestHost.FunctionKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync($"/api/keyed?code={TestHost.FunctionKey}x")).StatusCode);
    }

    [Fact]
    public async Task AdminLevel_FunctionKeyRefused_MasterKeyAccepted()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync($"/api/secure/admin?code={TestHost.HostKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Client.GetAsync($"/api/secure/admin?code={TestHost.MasterKey}")).StatusCode);
    }

    [Fact]
    public async Task Post_LargeBody_IsStreamedToFunction()
    {
        var payload = new byte[5 * 1024 * 1024 + 3];
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new("application/octet-stream");
        var response = await _host.Client.PostAsync("/api/echo", content);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(payload.Length, json.GetProperty("length").GetInt64());
        Assert.Equal("application/octet-stream", json.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Response_LargerThanTheBuffer_ArrivesWhole()
    {
        var payload = new byte[200_000 + 7];
        Random.Shared.NextBytes(payload);
        var response = await _host.Client.PostAsync("/api/big", new ByteArrayContent(payload));
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task FunctionThrows_Returns500ProblemWithoutExceptionDetail()
    {
        var response = await _host.Client.GetAsync("/api/boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internal detail", text);
        Assert.Contains("invocationId", text);
    }

    [Fact]
    public async Task EachInvocation_GetsItsOwnScope_SharedByConstructorAndContext()
    {
        var first = (await _host.Client.GetStringAsync("/api/scope")).Split('|');
        var second = (await _host.Client.GetStringAsync("/api/scope")).Split('|');
        Assert.Equal(first[0], first[1]);
        Assert.NotEqual(first[0], second[0]);
    }

    [Fact]
    public async Task MultiOutput_WritesHttpResponseAndQueueMessages()
    {
        var response = await _host.Client.PostAsJsonAsync("/api/orders", new[] { new Order("A-1", 2), new Order("B-2", 5) });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("2 queued", await response.Content.ReadAsStringAsync());
        var messages = _host.Queue.Peek("orders").Select(m => JsonDocument.Parse(m.Body).RootElement).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("A-1", messages[0].GetProperty("sku").GetString());
        Assert.Equal(5, messages[1].GetProperty("quantity").GetInt32());
    }

    [Theory]
    [InlineData("orders", HttpStatusCode.Created)]
    [InlineData("..%2f..%2fx", HttpStatusCode.BadRequest)]
    [InlineData("Orders", HttpStatusCode.BadRequest)]
    [InlineData("a--b", HttpStatusCode.BadRequest)]
    public async Task AdminEnqueue_ChecksQueueName(string queue, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/queues/{queue}/messages") { Content = new StringContent("{}") };
        request.Headers.Add("x-functions-key", TestHost.MasterKey);
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Ping_IsAnonymous_StatusNeedsMasterKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/admin/host/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.GetAsync("/admin/host/status")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/host/status");
        request.Headers.Add("x-functions-key", TestHost.MasterKey);
        var status = await (await _host.Client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Contains(status.GetProperty("functions").EnumerateArray(), f => f.GetProperty("name").GetString() == "PlaceOrders");
    }
}
