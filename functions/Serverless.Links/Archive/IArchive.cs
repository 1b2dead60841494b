namespace Serverless.Links.Archive;

/// <summary>Finds an archived copy of a URL, or asks for one to be made (Wayback Machine: availability, CDX, Save Page Now 2).</summary>
public interface IArchive
{
    Task<ArchiveResult> FindOrSaveAsync(string url, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="archiveUrl"/>, recorded earlier, is a copy in the archive configured now (so it can be
    /// reused without a lookup); false after the archive's base URL changed.</summary>
    bool IsCurrentCopy(string archiveUrl);
}
