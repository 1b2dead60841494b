using Serverless.Tenders.Model;

namespace Serverless.Tenders.Parsing;

/// <summary>
/// Gathers a notice's outbound links as distinct URLs. The link checker checks a URL once, so a
/// URL a notice gives in several roles (the documents page that is also the submission page, the
/// same URL repeated in every lot) is kept once, with the kind it was first added under. Parsers
/// add documents, then submission, then buyer links, so that order decides the kind.
/// URLs are kept as written (trimmed): normalising and resolving them is the link checker's job.
/// </summary>
internal sealed class LinkCollector
{
    private readonly List<NoticeLink> _links = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Add(string? url, string kind)
    {
        var trimmed = url?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !_seen.Add(trimmed))
        {
            return;
        }

        _links.Add(new NoticeLink(trimmed, kind));
    }

    public IReadOnlyList<NoticeLink> ToList() => _links.ToArray();
}
