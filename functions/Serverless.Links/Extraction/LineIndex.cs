namespace Serverless.Links.Extraction;

/// <summary>Line and column of a character offset in a text, and a line's text. Lines end at LF, CR LF or CR.</summary>
internal sealed class LineIndex
{
    private readonly string _text;
    private readonly List<int> _starts = [0];

    public LineIndex(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                _starts.Add(i + 1);
            }
        }
    }

    /// <summary>1-based line and column of <paramref name="offset"/>.</summary>
    public (int Line, int Column) PositionOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _starts[line] + 1);
    }

    /// <summary>The text of 1-based <paramref name="line"/> without its line break; empty when out of range.</summary>
    public string LineText(int line)
    {
        if (line < 1 || line > _starts.Count)
        {
            return "";
        }

        var start = _starts[line - 1];
        var end = line < _starts.Count ? _starts[line] : _text.Length;
        return _text[start..end].TrimEnd('\r', '\n');
    }
}
