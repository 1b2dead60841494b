namespace Serverless.Links.Extraction;

/// <summary>The texts of <see cref="ExtractedLink.NotCheckedReason"/>, kept together so reports and tests read the same words.</summary>
internal static class NotCheckedReasons
{
    public const string RelativeWithoutBase = "relative link without a base URL";

    public const string Malformed = "malformed URL";

    /// <summary>A scheme other than http(s): <c>mailto</c>, <c>tel</c>, <c>javascript</c>, <c>data</c>, <c>ftp</c>...</summary>
    public static string Scheme(string scheme) => $"scheme {scheme.ToLowerInvariant()}";
}
