namespace Serverless.Links.Ports;

/// <summary>One request of a link check.</summary>
public sealed record LinkRequest
{
    /// <summary>An absolute http or https URL.</summary>
    public required Uri Url { get; init; }

    public LinkMethod Method { get; init; } = LinkMethod.Head;

    /// <summary>The User-Agent header value.</summary>
    public required string UserAgent { get; init; }

    /// <summary>The Cookie header value (cookies set earlier in the same check), or null to send none.</summary>
    public string? Cookie { get; init; }

    /// <summary>Time allowed from the start of the request until the response headers and the body prefix are in.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>The most body bytes to read into <see cref="LinkResponse.Body"/> (GET only).</summary>
    public int MaxBodyBytes { get; init; }
}
