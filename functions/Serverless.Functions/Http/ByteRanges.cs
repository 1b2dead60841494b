using Serverless.Tenders.Ports;

namespace Serverless.Functions.Http;

/// <summary>
/// Parses a <c>Range</c> header for one byte range (RFC 9110 §14): <c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c>.
/// Several ranges or another unit are ignored (the whole file is sent), as the RFC allows.
/// </summary>
internal static class ByteRanges
{
    public abstract record Result
    {
        public sealed record Whole : Result;

        public sealed record Slice(ByteRange Range) : Result;

        public sealed record Unsatisfiable : Result;
    }

    public static Result Parse(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return new Result.Whole();
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return new Result.Whole();
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // Suffix range: the last n bytes.
            if (!long.TryParse(last, out var suffix) || suffix <= 0)
            {
                return new Result.Unsatisfiable();
            }

            return size == 0 ? new Result.Unsatisfiable() : new Result.Slice(new ByteRange(Math.Max(0, size - suffix), size - 1));
        }

        if (!long.TryParse(first, out var from) || from < 0)
        {
            return new Result.Whole();
        }

        if (from >= size)
        {
            return new Result.Unsatisfiable();
        }

        if (last.Length == 0)
        {
            return new Result.Slice(new ByteRange(from, size - 1));
        }

        if (!long.TryParse(last, out var to) || to < from)
        {
            return new Result.Whole();
        }

        return new Result.Slice(new ByteRange(from, Math.Min(to, size - 1)));
    }
}
