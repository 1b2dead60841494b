namespace Serverless.Functions.Tests.Cli;

/// <summary>A request as <see cref="LoopbackHost"/> received it, body included.</summary>
internal sealed record ReceivedRequest(
    string Method, string Path, string? FileName, string? Key, string? ContentType, long? ContentLength, byte[] Body);
