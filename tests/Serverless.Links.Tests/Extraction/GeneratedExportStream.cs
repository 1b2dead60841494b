using System.Globalization;
using System.Text;

namespace Serverless.Links.Tests.Extraction;

/// <summary>
/// A WordPress export written on the fly as it is read: the header, then one item at a time, then the footer. The
/// whole export never exists in memory, so what the extractor keeps is all that memory shows. Item <c>i</c> (from 1)
/// links to <c>https://site{j}.example.net/post/{i}/link/{j}</c> for <c>j</c> from 1 to the links per item.
/// </summary>
internal sealed class GeneratedExportStream(int items, int linksPerItem) : Stream
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <link>https://blog.example.org</link>

        """;

    private const string Footer = "</channel>\n</rss>\n";

    private byte[] _chunk = Encoding.UTF8.GetBytes(Header);
    private int _offset;
    private int _written;
    private bool _ended;

    /// <summary>How many bytes have been handed out so far.</summary>
    public long Produced { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var copied = 0;
        while (copied < count)
        {
            if (_offset == _chunk.Length && !NextChunk())
            {
                break;
            }

            var length = Math.Min(count - copied, _chunk.Length - _offset);
            Array.Copy(_chunk, _offset, buffer, offset + copied, length);
            _offset += length;
            copied += length;
        }

        Produced += copied;
        return copied;
    }

    private bool NextChunk()
    {
        if (_ended)
        {
            return false;
        }

        if (_written == items)
        {
            _chunk = Encoding.UTF8.GetBytes(Footer);
            _ended = true;
        }
        else
        {
            _written++;
            _chunk = Encoding.UTF8.GetBytes(Item(_written));
        }

        _offset = 0;
        return true;
    }

    private string Item(int number)
    {
        var item = new StringBuilder();
        item.Append(CultureInfo.InvariantCulture, $"<item><title>Post {number}</title><link>https://blog.example.org/p/{number}/</link>");
        item.Append("<content:encoded><![CDATA[");
        for (var link = 1; link <= linksPerItem; link++)
        {
            item.Append(CultureInfo.InvariantCulture, $"<p>See <a href=\"https://site{link}.example.net/post/{number}/link/{link}\">link {link}</a></p>\n");
        }

        item.Append(CultureInfo.InvariantCulture, $"]]></content:encoded><wp:post_id>{number}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>\n");
        return item.ToString();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Produced;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
