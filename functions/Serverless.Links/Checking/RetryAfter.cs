using System.Globalization;

namespace Serverless.Links.Checking;

/// <summary>Reads a Retry-After header (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date.</summary>
internal static class RetryAfter
{
    /// <summary>The wait the header asks for from <paramref name="now"/>; zero for a date in the past; null when absent
    /// or unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.All(char.IsAsciiDigit))
        {
            // More digits than a long holds is still "a very long time", which is all the caller needs to know.
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= (long)TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.MaxValue;
        }

        // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") is what servers send; the obsolete RFC 850 and asctime forms
        // are read too, as the RFC asks of recipients.
        if (DateTimeOffset.TryParseExact(text, HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static readonly string[] HttpDateFormats =
    [
        "r",
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
        "ddd MMM d HH:mm:ss yyyy",
    ];
}
