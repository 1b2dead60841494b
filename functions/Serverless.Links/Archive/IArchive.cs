namespace Serverless.Links.Archive;

/// <summary>Finds an archived copy of a URL, or asks for one to be made (Wayback Machine: availability, CDX, Save Page Now 2).</summary>
public interface IArchive
{
    Task<ArchiveResult> FindOrSaveAsync(string url, CancellationToken cancellationToken);
}
