using System.Net;

namespace Serverless.Cli;

/// <summary>One file's result: a value, so a bad file or a dead host is reported, never thrown.</summary>
/// <param name="Path">The file as the user named it (or as found below a folder they named).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">The record id for ingested and duplicate files, else the reason.</param>
internal sealed record IngestOutcome(string Path, IngestOutcomeKind Kind, string Detail)
{
    /// <summary>
    /// Reads the host's answer. A 4xx is the file's fault except where the status says otherwise:
    /// 401/403 (the key), 404 (the URL), 408/429 (a busy host). Counting those as rejections would
    /// tell the user to fix files that are fine.
    /// </summary>
    public static IngestOutcome From(string path, HostResponse response) => response.Status switch
    {
        HttpStatusCode.Created => new(path, IngestOutcomeKind.Ingested, response.Id() ?? "(no id in the response)"),
        HttpStatusCode.OK => new(path, IngestOutcomeKind.Duplicate, response.Id() ?? "(no id in the response)"),
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            Failed(path, $"{response.Describe()} (check {HostConnection.KeyOption} or {HostConnection.KeyVariable})"),
        HttpStatusCode.NotFound =>
            Failed(path, $"{response.Describe()} (no tender ingestion at this {HostConnection.UrlOption}?)"),
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests =>
            Failed(path, $"{response.Describe()} (host busy: run again later)"),
        _ when response.StatusCode is >= 400 and < 500 => new(path, IngestOutcomeKind.Rejected, response.Describe()),
        _ when response.StatusCode is >= 300 and < 400 => Failed(path, $"{response.Describe()} (redirected: check {HostConnection.UrlOption})"),
        _ when response.StatusCode is >= 200 and < 300 => Failed(path, $"unexpected answer: {response.Describe()}"),
        _ => Failed(path, response.Describe()),
    };

    public static IngestOutcome Failed(string path, string reason) => new(path, IngestOutcomeKind.Failed, reason);
}
