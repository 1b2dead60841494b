namespace Serverless.Links.Extraction;

/// <summary>
/// The URLs of a <c>srcset</c> attribute (<c>a.jpg 1x, b.jpg 2x</c>, <c>small.jpg 480w, big.jpg 1080w</c>), by the
/// HTML standard's candidate rules: a URL is a run of non-space characters (commas at its end belong to the list,
/// not to it), and its descriptors run to the next comma outside parentheses.
/// </summary>
internal static class SrcsetParser
{
    public static IReadOnlyList<string> Urls(string srcset)
    {
        var urls = new List<string>();
        var position = 0;
        while (position < srcset.Length)
        {
            // Separators: whitespace and commas before a candidate.
            while (position < srcset.Length && (IsSpace(srcset[position]) || srcset[position] == ','))
            {
                position++;
            }

            if (position >= srcset.Length)
            {
                break;
            }

            var start = position;
            while (position < srcset.Length && !IsSpace(srcset[position]))
            {
                position++;
            }

            var url = srcset[start..position];
            var endsWithComma = url.EndsWith(',');
            url = url.TrimEnd(',');
            if (url.Length > 0)
            {
                urls.Add(url);
            }

            if (!endsWithComma)
            {
                SkipDescriptors(srcset, ref position);
            }
        }

        return urls;
    }

    private static void SkipDescriptors(string srcset, ref int position)
    {
        var depth = 0;
        for (; position < srcset.Length; position++)
        {
            switch (srcset[position])
            {
                case '(':
                    depth++;
                    break;
                case ')' when depth > 0:
                    depth--;
                    break;
                case ',' when depth == 0:
                    position++;
                    return;
            }
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
}
