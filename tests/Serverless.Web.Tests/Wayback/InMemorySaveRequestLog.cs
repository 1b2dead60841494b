using Serverless.Links.Ports;

namespace Serverless.Web.Tests.Wayback;

/// <summary>A hand-written <see cref="ISaveRequestLog"/> keeping the last reservation per URL in memory.</summary>
internal sealed class InMemorySaveRequestLog : ISaveRequestLog
{
    private readonly Dictionary<string, DateTimeOffset> _reserved = new(StringComparer.Ordinal);

    public List<string> Granted { get; } = [];

    public Task<bool> TryReserveAsync(string url, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_reserved)
        {
            if (_reserved.TryGetValue(url, out var last) && last > now - window)
            {
                return Task.FromResult(false);
            }

            _reserved[url] = now;
            Granted.Add(url);
            return Task.FromResult(true);
        }
    }
}
