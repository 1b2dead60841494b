namespace Serverless.Cli;

/// <summary>
/// Where the running host is and the key to show it. The key is only ever sent as a header, never
/// written out: <see cref="ToString"/> hides it so it cannot leak through a log line by accident.
/// </summary>
internal sealed record HostConnection(Uri BaseUrl, string? Key)
{
    public const string UrlOption = "--url";
    public const string KeyOption = "--key";
    public const string UrlVariable = "SERVERLESS_URL";
    public const string KeyVariable = "SERVERLESS_KEY";

    /// <summary>The address <c>func start</c> and our host listen on by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Reads <c>--url</c> and <c>--key</c>, falling back to the environment, then the default URL.</summary>
    /// <exception cref="UsageException">The URL is not an absolute http(s) URL.</exception>
    public static HostConnection From(CommandLine line, Func<string, string?> getEnvironment)
    {
        var url = NonEmpty(line.Option(UrlOption)) ?? NonEmpty(getEnvironment(UrlVariable)) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"'{url}' is not an http or https URL (set {UrlOption} or {UrlVariable})");
        }

        // A trailing slash makes relative routes resolve below a path base (http://proxy/functions/)
        // instead of replacing its last segment.
        var baseUrl = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new HostConnection(baseUrl, NonEmpty(line.Option(KeyOption)) ?? NonEmpty(getEnvironment(KeyVariable)));
    }

    public override string ToString() => $"{BaseUrl} ({(Key is null ? "no key" : "key set")})";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
