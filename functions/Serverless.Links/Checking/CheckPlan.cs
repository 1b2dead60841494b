namespace Serverless.Links.Checking;

/// <summary>
/// The request factory of a run: parses the input URLs, sets aside those that are not checked, merges those that name
/// the same request (the fragment never reaches the server), and orders the rest host by host in turn, so workers are
/// spread over hosts instead of queueing behind the busiest one.
/// </summary>
internal static class CheckPlan
{
    public static List<PlannedCheck> Create(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);

        var inputs = new HashSet<string>(StringComparer.Ordinal);
        var targets = new Dictionary<string, (Uri Url, List<string> Inputs)>(StringComparer.Ordinal);
        var hosts = new Dictionary<string, Queue<string>>(StringComparer.OrdinalIgnoreCase);
        var plan = new List<PlannedCheck>();

        foreach (var input in urls)
        {
            if (input is null || !inputs.Add(input))
            {
                continue;
            }

            if (Parse(input) is not { } url)
            {
                plan.Add(new PlannedCheck(null, SkipReason(input), [input]));
                continue;
            }

            var key = RequestKey(url);
            if (targets.TryGetValue(key, out var target))
            {
                target.Inputs.Add(input);
                continue;
            }

            targets.Add(key, (url, [input]));
            if (!hosts.TryGetValue(url.IdnHost, out var queue))
            {
                hosts.Add(url.IdnHost, queue = new Queue<string>());
            }

            queue.Enqueue(key);
        }

        // Round robin over hosts in order of first appearance: each pass takes one URL of every host that has some left.
        var queues = hosts.Values.ToList();
        while (queues.Count > 0)
        {
            foreach (var queue in queues)
            {
                var (url, names) = targets[queue.Dequeue()];
                plan.Add(new PlannedCheck(url, null, names));
            }

            queues.RemoveAll(q => q.Count == 0);
        }

        return plan;
    }

    /// <summary>The URL as it is requested: no fragment, no user information.</summary>
    public static string RequestKey(Uri url) => url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    /// <summary>An absolute http(s) URL with a host and no user information, or null.</summary>
    public static Uri? Parse(string input) =>
        Uri.TryCreate(input.Trim(), UriKind.Absolute, out var url) && IsCheckable(url) ? url : null;

    public static bool IsCheckable(Uri url) =>
        (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0 && url.UserInfo.Length == 0;

    /// <summary>Why <see cref="Parse"/> refused a URL (or a redirect target).</summary>
    public static string SkipReason(string input)
    {
        if (!Uri.TryCreate(input.Trim(), UriKind.Absolute, out var url))
        {
            return "not an absolute URL";
        }

        return SkipReason(url);
    }

    public static string SkipReason(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return $"not http(s): {url.Scheme}";
        }

        // Credentials would be sent on the author's behalf, and "http://good@evil/" misleads readers.
        return url.UserInfo.Length > 0 ? "user information in the URL is not sent" : "no host";
    }
}
