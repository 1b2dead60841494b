namespace Serverless.Benchmarks.Servers;

/// <summary>The command-line modes in which the benchmark program is one of the servers under test.</summary>
internal static class ServeModes
{
    /// <summary>A bare ASP.NET Core minimal endpoint: the floor of the HTTP and cold-start figures.</summary>
    public const string Bare = "serve-bare";

    /// <summary>Our host with the trivial HTTP function only (no storage, so its start-up is the host's own).</summary>
    public const string Host = "serve-host";

    /// <summary>Our host with the trivial function and the streaming upload function on the S3 object store.</summary>
    public const string HostWithStorage = "serve-host-storage";

    /// <summary>The loopback web of the link-check figures (<see cref="LinkWebServer"/>).</summary>
    public const string Links = "serve-links";

    /// <summary>Not a server: checks links once in a fresh process and prints its memory growth (the link memory figure).</summary>
    public const string CheckLinks = "check-links";
}
