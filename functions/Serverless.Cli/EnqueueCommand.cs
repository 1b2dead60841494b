using System.Net;
using System.Text.Json;

namespace Serverless.Cli;

/// <summary>
/// <c>enqueue QUEUE JSON</c>: puts a message on one of the host's queues through its admin API,
/// the way any producer would; prints the message id so a script can follow it.
/// </summary>
internal sealed class EnqueueCommand(CliConsole console)
{
    public const string Name = "enqueue";

    public async Task<int> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, HostConnection.UrlOption, HostConnection.KeyOption);
        if (line.Help)
        {
            console.Out.Write(HelpTexts.Enqueue);
            return ExitCodes.Success;
        }

        if (line.Arguments is not [var queue, var json])
        {
            throw new UsageException("enqueue needs exactly two arguments: QUEUE JSON");
        }

        if (string.IsNullOrWhiteSpace(queue))
        {
            throw new UsageException("QUEUE must not be empty");
        }

        var connection = HostConnection.From(line, console.GetEnvironment);
        if (connection.Key is null)
        {
            throw new UsageException($"enqueue needs the host's master key: pass {HostConnection.KeyOption} or set {HostConnection.KeyVariable}");
        }

        // Checked here so a typo costs nothing: the host would store any bytes, and the consumer
        // would only fail on them later, as a poison message.
        if (Invalid(json) is { } problem)
        {
            console.Error.WriteLine($"error: the message is not valid JSON (nothing was sent): {problem}");
            return ExitCodes.Failed;
        }

        using var client = new HostClient(connection);
        HostResponse response;
        try
        {
            response = await client.EnqueueAsync(queue, json, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine($"error: {connection.BaseUrl} did not answer within {HostClient.Timeout.TotalSeconds:0} s");
            return ExitCodes.Failed;
        }
        catch (HttpRequestException ex)
        {
            console.Error.WriteLine($"error: cannot reach {connection.BaseUrl}: {HostClient.Describe(ex)}");
            return ExitCodes.Failed;
        }

        if (response.Status != HttpStatusCode.Created && response.Status != HttpStatusCode.OK)
        {
            console.Error.WriteLine($"error: queue '{queue}' refused the message: {response.Describe()}");
            return ExitCodes.Failed;
        }

        console.Out.WriteLine(response.Id() ?? "(the host returned no message id)");
        return ExitCodes.Success;
    }

    private static string? Invalid(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json);
            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }
}
