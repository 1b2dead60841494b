namespace Serverless.Links.Archive;

/// <summary>What the archive step found or did for one URL.</summary>
public enum ArchiveOutcome
{
    /// <summary>An existing capture was found (availability or CDX).</summary>
    Found,
    /// <summary>No capture existed; Save Page Now made one.</summary>
    Saved,
    /// <summary>A save was requested and is still running at the end of polling; look up again later.</summary>
    Pending,
    /// <summary>No capture, and no save requested (no keys, or a save for this URL was requested within the window).</summary>
    NotArchived,
    /// <summary>The daily Save Page Now quota is used up.</summary>
    QuotaExceeded,
    /// <summary>The URL already points into the archive: not looked up.</summary>
    Skipped,
    /// <summary>The archive could not be reached or answered an error.</summary>
    Failed,
}
