using System.Collections.Frozen;

namespace Serverless.Storage.Postgres.Tenders;

/// <summary>
/// Maps a notice's language to the PostgreSQL text search configuration that stems its words. Notices
/// give the language as eForms does (ISO 639-3 style, e.g. <c>FRA</c>, <c>DEU</c>) or as legacy TED does
/// (two letters, e.g. <c>FR</c>, <c>DE</c>); ISO 639-2/B forms (<c>FRE</c>, <c>GER</c>) are accepted too.
/// Languages without a stemmer in PostgreSQL (Polish, Czech, ...) and unknown codes get <c>simple</c>.
/// </summary>
internal static class TextSearchConfigurations
{
    public const string Simple = "simple";

    // Only configurations PostgreSQL has shipped since version 13 (greek is the newest of these).
    private static readonly FrozenDictionary<string, string> ByLanguage = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["FRA"] = "french", ["FRE"] = "french", ["FR"] = "french",
        ["DEU"] = "german", ["GER"] = "german", ["DE"] = "german",
        ["ENG"] = "english", ["EN"] = "english",
        ["SPA"] = "spanish", ["ES"] = "spanish",
        ["ITA"] = "italian", ["IT"] = "italian",
        ["POR"] = "portuguese", ["PT"] = "portuguese",
        ["NLD"] = "dutch", ["DUT"] = "dutch", ["NL"] = "dutch",
        ["DAN"] = "danish", ["DA"] = "danish",
        ["FIN"] = "finnish", ["FI"] = "finnish",
        ["HUN"] = "hungarian", ["HU"] = "hungarian",
        ["NOR"] = "norwegian", ["NOB"] = "norwegian", ["NNO"] = "norwegian", ["NO"] = "norwegian", ["NB"] = "norwegian", ["NN"] = "norwegian",
        ["RON"] = "romanian", ["RUM"] = "romanian", ["RO"] = "romanian",
        ["RUS"] = "russian", ["RU"] = "russian",
        ["SWE"] = "swedish", ["SV"] = "swedish",
        ["TUR"] = "turkish", ["TR"] = "turkish",
        ["ELL"] = "greek", ["GRE"] = "greek", ["EL"] = "greek",
        ["LIT"] = "lithuanian", ["LT"] = "lithuanian",
        ["GLE"] = "irish", ["GA"] = "irish",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every configuration <see cref="ForLanguage"/> can return other than <see cref="Simple"/>, sorted.</summary>
    public static IReadOnlyList<string> Stemming { get; } = ByLanguage.Values.Distinct().Order(StringComparer.Ordinal).ToArray();

    public static string ForLanguage(string? language) =>
        language is not null && ByLanguage.TryGetValue(language.Trim(), out var configuration) ? configuration : Simple;
}
