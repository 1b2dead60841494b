using System.Xml.Linq;

namespace Serverless.Storage.S3;

/// <summary>Reads the <c>Code</c> of an S3 error answer (<c>&lt;Error&gt;&lt;Code&gt;NoSuchKey&lt;/Code&gt;...</c>).</summary>
internal static class S3ErrorBody
{
    private const int MaxErrorBodyBytes = 16 * 1024;

    /// <summary>The error code, or null when the body is empty, too long or not S3's XML.</summary>
    public static async Task<string?> ReadCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            if (length == 0)
            {
                return null;
            }

            var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(buffer, 0, length));
            return document.Root?.Elements().FirstOrDefault(x => x.Name.LocalName == "Code")?.Value;
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or HttpRequestException)
        {
            return null;
        }
    }
}
