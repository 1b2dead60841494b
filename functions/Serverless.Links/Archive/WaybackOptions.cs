namespace Serverless.Links.Archive;

/// <summary>
/// Where the Wayback Machine is and how the archive step uses it, bound from the <c>Wayback</c> configuration section.
/// The keys come from configuration or the environment only (for example <c>Wayback__AccessKey</c>) and are never logged.
/// </summary>
public sealed class WaybackOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Wayback";

    /// <summary>Default for <see cref="AvailabilityBaseUrl"/>: the availability API lives on archive.org itself.</summary>
    public const string DefaultAvailabilityBaseUrl = "https://archive.org";

    /// <summary>Default for <see cref="WebBaseUrl"/>: CDX, Save Page Now and playback.</summary>
    public const string DefaultWebBaseUrl = "https://web.archive.org";

    /// <summary>Default for <see cref="SaveWindow"/>.</summary>
    public static readonly TimeSpan DefaultSaveWindow = TimeSpan.FromDays(7);

    /// <summary>Default for <see cref="StatusPollInterval"/>: SPN2 captures take seconds to minutes.</summary>
    public static readonly TimeSpan DefaultStatusPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Default for <see cref="StatusPollTimeout"/>: SPN2 ends a capture after about two minutes.</summary>
    public static readonly TimeSpan DefaultStatusPollTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Default for <see cref="Timeout"/>, as the Link Fixer plugin uses for the availability API.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default for <see cref="ArchiveHosts"/>.</summary>
    public static IReadOnlyList<string> DefaultArchiveHosts { get; } =
        ["web.archive.org", "web-wp.archive.org", "wayback.archive.org", "archive.org/web/", "www.archive.org/web/"];

    /// <summary>Base URL of the availability API (<c>/wayback/available</c>).</summary>
    public string AvailabilityBaseUrl { get; set; } = DefaultAvailabilityBaseUrl;

    /// <summary>Base URL of the CDX index (<c>/cdx/search/cdx</c>), Save Page Now (<c>/save</c>) and playback (<c>/web/</c>).</summary>
    public string WebBaseUrl { get; set; } = DefaultWebBaseUrl;

    /// <summary>The archive.org S3-like access key for Save Page Now; without it (and <see cref="SecretKey"/>) nothing is saved.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The archive.org S3-like secret key for Save Page Now.</summary>
    public string? SecretKey { get; set; }

    /// <summary>A save is requested at most once per URL within this window, across runs and instances.</summary>
    public TimeSpan SaveWindow { get; set; } = DefaultSaveWindow;

    /// <summary>Wait between two reads of a save job's status.</summary>
    public TimeSpan StatusPollInterval { get; set; } = DefaultStatusPollInterval;

    /// <summary>How long a save job is polled; still running after it, the result is <see cref="ArchiveOutcome.Pending"/>.</summary>
    public TimeSpan StatusPollTimeout { get; set; } = DefaultStatusPollTimeout;

    /// <summary>Time allowed for one request to the archive.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// Links that already point into the archive: an entry without a path (<c>web.archive.org</c>) matches that host and
    /// its subdomains; an entry with a path (<c>archive.org/web/</c>) matches that exact host and paths starting so. The
    /// playback paths of <see cref="WebBaseUrl"/> and <see cref="AvailabilityBaseUrl"/> (<c>&lt;base&gt;/web/</c>) always count.
    /// Configured entries are added to <see cref="DefaultArchiveHosts"/> (configuration binding appends to a list).
    /// </summary>
    public List<string> ArchiveHosts { get; set; } = [.. DefaultArchiveHosts];

    /// <summary>True when both keys are set, so Save Page Now may be asked.</summary>
    public bool HasKeys => !string.IsNullOrWhiteSpace(AccessKey) && !string.IsNullOrWhiteSpace(SecretKey);
}
