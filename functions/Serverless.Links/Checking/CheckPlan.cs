using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Serverless.Links.Checking;

/// <summary>
/// The request factory of a run: parses the input URLs, sets aside those that are not checked, merges those that name
/// the same request (the fragment never reaches the server), and orders the rest host by host in turn, so workers are
/// spread over hosts instead of queueing behind the busiest one.
/// </summary>
/// <remarks>
/// The input is read lazily, at most <see cref="Window"/> items ahead of the workers: the plan is refilled as they take
/// from it, so memory does not grow with the length of the input and the first request goes out after one window is
/// read, not the whole input. Across the whole run, what is remembered of each distinct input is a 64-bit fingerprint
/// (XxHash3 of its UTF-16 text; about 20 bytes in its set, against 36 for a 128-bit one, which is most of what a long
/// run still grows by). Two of n distinct inputs share a fingerprint with a chance of about n²/2^65: 3 × 10^-10 for
/// 100,000 inputs, 3 × 10^-8 for a million; the cost of it is the later input getting no result, and the report
/// pipeline's calls (a chunk of 25 URLs each) are far below that. Inputs that differ only in their fragment share one
/// request while it waits in the plan, is in flight, or is among the last <see cref="Window"/> requests taken; a
/// sibling further apart is requested again (remembering every result for a sibling that may never come is what the
/// window avoids).
/// </remarks>
internal sealed class CheckPlan
{
    /// <summary>Items planned ahead of the workers, and requests remembered for later siblings. Large against
    /// <see cref="LinkCheckerOptions.DefaultMaxConcurrency"/>, so the turn order has many hosts to spread over; small
    /// against a run of 100,000 links (an item holds about 400 bytes).</summary>
    public const int Window = 4096;

    private readonly int _window;
    private readonly HashSet<ulong> _seen = [];
    private readonly Queue<PlannedCheck> _ready = new();
    private readonly Dictionary<string, PlannedCheck> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<PlannedCheck>> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<Queue<PlannedCheck>> _turns = new();
    private readonly Dictionary<string, Task<LinkCheckResult>> _taken = new(StringComparer.Ordinal);
    private readonly Queue<string> _takenOrder = new();

    private CheckPlan(int window) => _window = window;

    /// <summary>The plan of a run over <paramref name="urls"/>, enumerated once, by one thread at a time: skipped inputs
    /// and inputs sharing an earlier request first, then requests one host after another.</summary>
    public static IEnumerable<PlannedCheck> Create(IEnumerable<string> urls, int window = Window)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return Enumerate(urls, window);
    }

    private static IEnumerable<PlannedCheck> Enumerate(IEnumerable<string> urls, int window)
    {
        var plan = new CheckPlan(window);
        using var input = urls.GetEnumerator();
        var more = true;
        while (true)
        {
            while (more && plan.Planned < window)
            {
                more = input.MoveNext();
                if (more)
                {
                    plan.Add(input.Current);
                }
            }

            if (plan.Take() is not { } next)
            {
                yield break;
            }

            yield return next;
        }
    }

    private int Planned => _ready.Count + _waiting.Count;

    private void Add(string? input)
    {
        if (input is null || !_seen.Add(Fingerprint(input)))
        {
            return;
        }

        if (Parse(input) is not { } url)
        {
            _ready.Enqueue(PlannedCheck.Skip(input, SkipReason(input)));
            return;
        }

        var key = RequestKey(url);
        if (_waiting.TryGetValue(key, out var waiting))
        {
            waiting.Join(input);
            return;
        }

        if (_taken.TryGetValue(key, out var outcome))
        {
            _ready.Enqueue(PlannedCheck.Share(input, outcome));
            return;
        }

        var check = PlannedCheck.Request(input, url, key);
        _waiting.Add(key, check);
        if (!_hosts.TryGetValue(url.IdnHost, out var queue))
        {
            // A host joins the turns after those already in them, as it would have in a plan of the whole input.
            _hosts.Add(url.IdnHost, queue = new Queue<PlannedCheck>());
            _turns.Enqueue(queue);
        }

        queue.Enqueue(check);
    }

    private PlannedCheck? Take()
    {
        if (_ready.TryDequeue(out var ready))
        {
            return ready;
        }

        if (!_turns.TryDequeue(out var queue))
        {
            return null;
        }

        // Round robin over hosts in order of first appearance: one URL of this host, then it waits for its next turn.
        var check = queue.Dequeue();
        if (queue.Count > 0)
        {
            _turns.Enqueue(queue);
        }
        else
        {
            _hosts.Remove(check.Url!.IdnHost);
        }

        _waiting.Remove(check.Key!);
        if (_taken.Count >= _window)
        {
            _taken.Remove(_takenOrder.Dequeue());
        }

        _taken.Add(check.Key!, check.Outcome);
        _takenOrder.Enqueue(check.Key!);
        return check;
    }

    private static ulong Fingerprint(string input) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(input.AsSpan()));

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
