using Serverless.Links.Ports;

namespace Serverless.Links.Tests.Archive;

/// <summary>A hand-written <see cref="ISaveRequestLog"/> keeping the last reservation per URL in memory.</summary>
internal sealed class InMemorySaveRequestLog : ISaveRequestLog
{
    private readonly Dictionary<string, DateTimeOffset> _reserved = new(StringComparer.Ordinal);

    /// <summary>Every call as (url, window, now, granted), in order.</summary>
    public List<(string Url, TimeSpan Window, DateTimeOffset Now, bool Granted)> Calls { get; } = [];

    public Task<bool> TryReserveAsync(string url, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var granted = !(_reserved.TryGetValue(url, out var last) && last > now - window);
        if (granted)
        {
            _reserved[url] = now;
        }

        Calls.Add((url, window, now, granted));
        return Task.FromResult(granted);
    }
}
