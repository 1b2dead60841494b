using Serverless.Links.Ports;

namespace Serverless.Links.Checking;

/// <summary>
/// Recognises a bot wall's answer (a challenge or captcha page) from its headers or the start of its body, whatever the
/// status code: such an answer says nothing about the page behind it.
/// </summary>
internal static class ChallengeDetector
{
    // Markers seen in the first kilobytes of the interstitial pages of the common bot-protection services. Each is
    // specific enough not to appear in an ordinary article that merely mentions the service.
    private static readonly (string Marker, string Name)[] BodyMarkers =
    [
        ("<title>Just a moment...</title>", "Cloudflare challenge page"),
        ("/cdn-cgi/challenge-platform/", "Cloudflare challenge page"),
        ("window._cf_chl_opt", "Cloudflare challenge page"),
        ("<title>Attention Required! | Cloudflare</title>", "Cloudflare block page"),
        ("captcha-delivery.com", "DataDome captcha page"),
        ("_Incapsula_Resource", "Imperva challenge page"),
        ("/_sec/cp_challenge/", "Akamai challenge page"),
        ("px-captcha", "PerimeterX captcha page"),
    ];

    /// <summary>A short description of the wall, or null when the answer does not look like one.</summary>
    public static string? Detect(LinkResponse response)
    {
        if (response.Header("cf-mitigated") is { } mitigated && mitigated.Trim().Equals("challenge", StringComparison.OrdinalIgnoreCase))
        {
            return "cf-mitigated: challenge";
        }

        if (response.Header("x-amzn-waf-action") is { } action
            && (action.Trim().Equals("challenge", StringComparison.OrdinalIgnoreCase) || action.Trim().Equals("captcha", StringComparison.OrdinalIgnoreCase)))
        {
            return $"x-amzn-waf-action: {action.Trim()}";
        }

        if (response.Body is { Length: > 0 } body)
        {
            foreach (var (marker, name) in BodyMarkers)
            {
                if (body.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    return name;
                }
            }
        }

        return null;
    }
}
