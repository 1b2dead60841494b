using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;
using Serverless.Links.Reports;

namespace Serverless.Links.Tests.Reports;

/// <summary>
/// A report generated on demand, one document at a time, that measures the managed heap while it is being written:
/// what the writer holds on to shows up in the probes taken between documents.
/// </summary>
internal sealed class LargeReport(int documents, int linksPerDocument)
{
    /// <summary>Appears exactly once in each link's URL and nowhere else in the report.</summary>
    public const byte Marker = (byte)'~';

    private const int Probes = 10;

    public int Links => documents * linksPerDocument;

    public long Baseline { get; private set; }

    public long PeakGrowth { get; private set; }

    public int ProbesTaken { get; private set; }

    public ReportSummary Summary => new()
    {
        Id = Guid.Parse("a1f0c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b"),
        State = ReportState.Done,
        SourceKind = "upload",
        SourceName = "large.xml",
        DocumentKind = "wxr",
        CreatedAt = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
        Documents = documents,
        Links = Links,
        Urls = Links,
        UrlsChecked = Links,
        ByStatus = new Dictionary<LinkStatus, int> { [LinkStatus.Broken] = Links },
        Dead = Links,
        Archived = Links,
    };

    /// <summary>Call right before writing: the heap as it is without the report.</summary>
    public void TakeBaseline() => Baseline = GC.GetTotalMemory(forceFullCollection: true);

    public async IAsyncEnumerable<ReportDocument> Documents()
    {
        var probeEvery = Math.Max(1, documents / Probes);
        for (var d = 0; d < documents; d++)
        {
            if (d > 0 && d % probeEvery == 0)
            {
                Probe();
            }

            var links = new ReportLink[linksPerDocument];
            for (var i = 0; i < links.Length; i++)
            {
                links[i] = Link(d, i);
            }

            yield return new ReportDocument(d, new LinkSource
            {
                PostId = d.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = $"Post number {d}, with a reasonably long title like real ones",
                Type = "post",
                Status = "publish",
                BaseUrl = $"https://blog.example/posts/{d}/",
            }, links);
            await Task.Yield();
        }

        Probe();
    }

    private void Probe()
    {
        var growth = GC.GetTotalMemory(forceFullCollection: true) - Baseline;
        PeakGrowth = Math.Max(PeakGrowth, growth);
        ProbesTaken++;
    }

    private static ReportLink Link(int document, int index) => new(
        new ExtractedLink
        {
            Raw = $"../articles/{document}/{index}",
            Url = $"https://site{index}.example/~/articles/{document}/{index}",
            Kind = LinkKind.Outbound,
            Element = "a",
            Line = index + 1,
            Column = 5,
            Context = $"the anchor text of link {index} in post {document}, about as long as a sentence",
        },
        new LinkVerdict
        {
            Status = LinkStatus.Broken,
            HttpStatus = 404,
            Detail = "not found after 3 checks",
            CheckedAt = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
            Dead = true,
            ConsecutiveFailures = 3,
            ArchiveOutcome = ArchiveOutcome.Found,
            ArchiveUrl = $"https://web.archive.org/web/20240101000000/https://site{index}.example/articles/{document}/{index}",
        });
}
