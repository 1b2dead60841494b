namespace Serverless.Benchmarks;

/// <summary>
/// How long and how much each benchmark runs. <see cref="Full"/> is the README's run (under 10 minutes on a 2-core
/// machine); <see cref="Quick"/> is a smoke run (under a minute) that proves every benchmark still works, with
/// figures too short to trust.
/// </summary>
internal sealed record BenchSettings
{
    /// <summary>The issue asks for a 200 MB document.</summary>
    public const long FullLargeDocumentBytes = 200_000_000;

    /// <summary>The issue asks for 50,000 queued messages.</summary>
    public const int FullQueueMessages = 50_000;

    /// <summary>The issue asks that memory stay flat for a report of 100,000 links.</summary>
    public const int FullLinkMemoryLinks = 100_000;

    public required string Name { get; init; }

    public required bool IsQuick { get; init; }

    /// <summary>Rounds per side; the sides alternate (A/B/A/B) so that drift of a shared machine hits both alike.</summary>
    public required int Rounds { get; init; }

    public required TimeSpan WarmUp { get; init; }

    /// <summary>For the HTTP and parsing figures: the host and the parser have far more code than their floors to bring to the optimising JIT tier.</summary>
    public required TimeSpan LongWarmUp { get; init; }

    public required TimeSpan HttpRound { get; init; }

    /// <summary>Connections of the HTTP load generator (fixed concurrency, keep-alive).</summary>
    public required int HttpConnections { get; init; }

    /// <summary>Process starts per side for the cold-start figures (the median is reported).</summary>
    public required int ColdStarts { get; init; }

    public required TimeSpan IngestionRound { get; init; }

    public required int IngestionConcurrency { get; init; }

    public required long LargeDocumentBytes { get; init; }

    /// <summary>Messages enqueued and drained per side, split over <see cref="Rounds"/>.</summary>
    public required int QueueMessages { get; init; }

    /// <summary>Single messages sent to the idle queue for the latency figures.</summary>
    public required int IdleLatencySamples { get; init; }

    public required TimeSpan ParsingRound { get; init; }

    /// <summary>Links checked per round by each side for the link-check figures.</summary>
    public required int LinkChecks { get; init; }

    /// <summary>The larger and the smaller run of the link memory figures (links checked by a fresh process each); none in
    /// quick mode, where runs small enough would say nothing about flatness and four processes would cost a quarter of
    /// the minute.</summary>
    public required (int Large, int Small)? LinkMemoryLinks { get; init; }

    public static BenchSettings Full { get; } = new()
    {
        Name = "full",
        IsQuick = false,
        Rounds = 2,
        WarmUp = TimeSpan.FromSeconds(2),
        LongWarmUp = TimeSpan.FromSeconds(8),
        HttpRound = TimeSpan.FromSeconds(5),
        HttpConnections = 16,
        ColdStarts = 5,
        IngestionRound = TimeSpan.FromSeconds(8),
        IngestionConcurrency = 4,
        LargeDocumentBytes = FullLargeDocumentBytes,
        QueueMessages = FullQueueMessages,
        IdleLatencySamples = 60,
        ParsingRound = TimeSpan.FromSeconds(3),
        LinkChecks = 5_000,
        LinkMemoryLinks = (FullLinkMemoryLinks, FullLinkMemoryLinks / 10),
    };

    public static BenchSettings Quick { get; } = new()
    {
        Name = "quick",
        IsQuick = true,
        Rounds = 1,
        WarmUp = TimeSpan.FromMilliseconds(300),
        LongWarmUp = TimeSpan.FromMilliseconds(500),
        HttpRound = TimeSpan.FromSeconds(1),
        HttpConnections = 16,
        ColdStarts = 1,
        IngestionRound = TimeSpan.FromSeconds(1),
        IngestionConcurrency = 4,
        LargeDocumentBytes = 20_000_000,
        QueueMessages = 1_000,
        IdleLatencySamples = 5,
        ParsingRound = TimeSpan.FromMilliseconds(500),
        LinkChecks = 500,
        LinkMemoryLinks = null,
    };
}
