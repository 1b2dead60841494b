namespace Serverless.Benchmarks.Links;

/// <summary>What the benchmark's loopback web does with one link of <see cref="LinkSite"/>.</summary>
internal enum LinkFate
{
    /// <summary>200.</summary>
    Ok,
    /// <summary>404.</summary>
    NotFound,
    /// <summary>410.</summary>
    Gone,
    /// <summary>301 to <see cref="LinkSite.MovedPrefix"/> + path on the same host, which answers 200.</summary>
    MovedPermanently,
    /// <summary>302 to the same place as <see cref="MovedPermanently"/>.</summary>
    Found,
    /// <summary>500 to every method.</summary>
    ServerError,
    /// <summary>HEAD 405, GET 200.</summary>
    HeadNotAllowed,
    /// <summary>HEAD 404, GET 200: a server whose HEAD lies.</summary>
    HeadLies,
    /// <summary>The whole host answers a Cloudflare-style challenge (403, <c>cf-mitigated: challenge</c>).</summary>
    Challenge,
    /// <summary>The whole host answers 429 with <c>Retry-After: 3600</c>.</summary>
    RateLimited,
}
