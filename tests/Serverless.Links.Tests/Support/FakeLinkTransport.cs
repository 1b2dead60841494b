using System.Collections.Concurrent;
using Serverless.Links.Ports;

namespace Serverless.Links.Tests.Support;

/// <summary>
/// A hand-written transport: answers each URL from its table (a list of answers given in turn, the last one repeating,
/// or a function), records every request with the virtual time it was sent, and refuses URLs it was not told about,
/// so a test that strays fails loudly.
/// </summary>
internal sealed class FakeLinkTransport(TimeProvider time) : ILinkTransport
{
    private readonly ConcurrentDictionary<string, Func<LinkRequest, LinkResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.OrdinalIgnoreCase);
    private int _inFlightTotal;
    private int _maxInFlightTotal;

    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    /// <summary>Awaited inside each request before it is answered, to hold requests in flight.</summary>
    public Func<LinkRequest, CancellationToken, Task>? Hold { get; set; }

    public int MaxInFlightTotal => _maxInFlightTotal;

    public int MaxInFlight(string host) => _maxInFlight.GetValueOrDefault(host);

    public int InFlight(string host) => _inFlight.GetValueOrDefault(host);

    /// <summary>Answers <paramref name="url"/> with <paramref name="answers"/> in turn (any method), the last one repeating.</summary>
    public FakeLinkTransport Route(string url, params LinkResponse[] answers)
    {
        var next = -1;
        _routes[Key(new Uri(url))] = _ => answers[Math.Min(Interlocked.Increment(ref next), answers.Length - 1)];
        return this;
    }

    /// <summary>Answers HEAD and GET to <paramref name="url"/> differently.</summary>
    public FakeLinkTransport RouteByMethod(string url, LinkResponse head, LinkResponse get)
    {
        _routes[Key(new Uri(url))] = request => request.Method == LinkMethod.Head ? head : get;
        return this;
    }

    public FakeLinkTransport Route(string url, Func<LinkRequest, LinkResponse> answer)
    {
        _routes[Key(new Uri(url))] = answer;
        return this;
    }

    public IEnumerable<SentRequest> To(string url) => Sent.Where(s => s.Url == url);

    public async Task<LinkResponse> SendAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(new SentRequest(request.Url.AbsoluteUri, request.Method, request.Cookie, time.GetUtcNow(), request));
        if (!_routes.TryGetValue(Key(request.Url), out var answer))
        {
            throw new InvalidOperationException($"The test did not expect a request to {request.Url}.");
        }

        var host = request.Url.Host;
        var now = _inFlight.AddOrUpdate(host, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(host, now, (_, n) => Math.Max(n, now));
        var total = Interlocked.Increment(ref _inFlightTotal);
        InterlockedMax(ref _maxInFlightTotal, total);
        try
        {
            if (Hold is { } hold)
            {
                await hold(request, cancellationToken);
            }

            return answer(request);
        }
        finally
        {
            _inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlightTotal);
        }
    }

    private static string Key(Uri url) => url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}

internal sealed record SentRequest(string Url, LinkMethod Method, string? Cookie, DateTimeOffset At, LinkRequest Request);
