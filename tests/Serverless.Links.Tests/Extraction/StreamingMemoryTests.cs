using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// A report with 100,000 links: an export of 2,000 posts × 50 links, generated while it is read, is extracted with
/// memory that stays flat, because each post is yielded as soon as it is read and nothing of it is kept afterwards.
/// </summary>
public sealed class StreamingMemoryTests
{
    private const int Items = 2_000;
    private const int LinksPerItem = 50;

    /// <summary>
    /// A consumer that keeps every post makes this growth about 34 MB (tried: the test then fails); a post and the
    /// parser's buffers take well under 1 MB.
    /// </summary>
    private const long GrowthBound = 16 * 1024 * 1024;

    [Fact]
    public void Extract_ExportWithAHundredThousandLinks_StreamsPostByPostInFlatMemory()
    {
        using var content = new GeneratedExportStream(Items, LinksPerItem);
        var documents = 0;
        var links = 0;
        var baseline = 0L;
        var largestGrowth = 0L;

        foreach (var document in LinkExtractor.Extract(content, DocumentKind.Wxr, new ExtractionOptions()))
        {
            documents++;
            links += document.Links.Count;
            if (documents == 1)
            {
                // The first post comes out after a few kilobytes, not after the whole export (about 8 MB).
                Assert.True(content.Produced < 256 * 1024, $"{content.Produced} bytes were read before the first post came out.");
                Assert.Equal(("1", "https://site1.example.net/post/1/link/1"), (document.Source.PostId, document.Links[0].Url));
            }

            if (documents == 100)
            {
                baseline = GC.GetTotalMemory(forceFullCollection: true);
            }
            else if (documents % 400 == 0)
            {
                largestGrowth = Math.Max(largestGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(Items, documents);
        Assert.Equal(Items * LinksPerItem, links);
        Assert.True(content.Produced > 7_000_000, $"The export was only {content.Produced} bytes.");
        Assert.True(largestGrowth < GrowthBound, $"Memory grew by {largestGrowth} bytes while the export was read.");
    }
}
