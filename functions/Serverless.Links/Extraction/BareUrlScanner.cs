namespace Serverless.Links.Extraction;

/// <summary>
/// Finds URLs written out in plain text (<c>https://…</c>, <c>http://…</c>, <c>www.…</c>), with the rules of
/// GitHub's extended autolinks: the URL ends at whitespace or <c>&lt; &gt; "</c>; punctuation that ends the sentence
/// (<c>. , : ; ! ? ' * _ ~</c>) is not part of it, nor is a closing parenthesis or bracket that has no opening one
/// inside the URL, so <c>(see https://example.org/a)</c> gives <c>https://example.org/a</c> and
/// <c>https://en.wikipedia.org/wiki/Foo_(bar)</c> keeps its parentheses.
/// </summary>
internal static class BareUrlScanner
{
    private static readonly string[] Starts = ["https://", "http://", "www."];

    /// <summary>Offsets and lengths of the URLs in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<(int Start, int Length)> Find(string text)
    {
        var position = 0;
        while (position < text.Length)
        {
            var start = NextStart(text, position);
            if (start < 0)
            {
                yield break;
            }

            var end = start;
            while (end < text.Length && !EndsUrl(text[end]))
            {
                end++;
            }

            var length = TrimTrailing(text.AsSpan(start, end - start));
            if (HasHost(text.AsSpan(start, length)))
            {
                yield return (start, length);
            }

            position = Math.Max(end, start + 1);
        }
    }

    /// <summary>What to request for a bare URL: <c>www.</c> links are http, as browsers and GitHub make them.</summary>
    public static string HrefOf(string url) => url.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + url : url;

    private static int NextStart(string text, int position)
    {
        while (position < text.Length)
        {
            var best = -1;
            foreach (var prefix in Starts)
            {
                var found = text.IndexOf(prefix, position, StringComparison.OrdinalIgnoreCase);
                if (found >= 0 && (best < 0 || found < best))
                {
                    best = found;
                }
            }

            if (best < 0)
            {
                return -1;
            }

            // "xhttp://" or "awww.example" is not the start of a URL.
            if (best == 0 || IsBoundary(text[best - 1]))
            {
                return best;
            }

            position = best + 1;
        }

        return -1;
    }

    private static bool IsBoundary(char previous) =>
        char.IsWhiteSpace(previous) || previous is '(' or '[' or '{' or '<' or '"' or '\'' or '*' or '_' or '~' or '>';

    private static bool EndsUrl(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '`';

    private static int TrimTrailing(ReadOnlySpan<char> url)
    {
        var length = url.Length;
        while (length > 0)
        {
            var last = url[length - 1];
            if (last is '.' or ',' or ':' or ';' or '!' or '?' or '\'' or '*' or '_' or '~')
            {
                length--;
            }
            else if ((last == ')' && Unbalanced(url[..length], '(', ')'))
                || (last == ']' && Unbalanced(url[..length], '[', ']'))
                || (last == '}' && Unbalanced(url[..length], '{', '}')))
            {
                length--;
            }
            else
            {
                break;
            }
        }

        return length;
    }

    private static bool Unbalanced(ReadOnlySpan<char> url, char open, char close) => url.Count(close) > url.Count(open);

    /// <summary>Something after the prefix that can start a host name: "http://" or "www." alone is prose, not a link.</summary>
    private static bool HasHost(ReadOnlySpan<char> url)
    {
        var isWww = url.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        var rest = isWww ? url[4..] : url[(url.IndexOf("//", StringComparison.Ordinal) + 2)..];
        if (rest.IsEmpty || !char.IsLetterOrDigit(rest[0]))
        {
            return false;
        }

        // "www." needs a dot in what follows, so "www.example" in a sentence is not taken for a host.
        return !isWww || rest.Contains('.');
    }
}
