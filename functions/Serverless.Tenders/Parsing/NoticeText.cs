using System.Globalization;
using System.Text;
using Serverless.Tenders.Model;

namespace Serverless.Tenders.Parsing;

/// <summary>Turns element text into record values: whitespace normalised, blanks as null, amounts parsed.</summary>
internal static class NoticeText
{
    /// <summary>
    /// Trims and collapses every run of whitespace (including the line breaks and indentation of
    /// pretty-printed notices) to one space and drops other control characters; null when nothing
    /// is left. Stray C1 controls come from text mis-decoded upstream (the SDK's PIN sample has
    /// "—" followed by U+008D): invisible, they would only break display and full-text search.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// An amount as notices write it (<c>9999999.99</c>, <c>500000</c>): invariant culture, a point
    /// for decimals, no grouping. Anything else is not a value we can trust, so it gives null.
    /// </summary>
    public static Money? Money(string? amount, string? currency)
    {
        var text = Normalize(amount);
        if (text is null
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return new Money(value, Normalize(currency));
    }
}
