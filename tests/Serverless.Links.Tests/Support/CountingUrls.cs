using System.Collections;

namespace Serverless.Links.Tests.Support;

/// <summary>
/// <paramref name="count"/> URLs made one at a time as they are asked for, counting how many were pulled and whether
/// the reader let go of them; <paramref name="pulled"/> sees each URL as it goes out (to route it, say).
/// </summary>
internal sealed class CountingUrls(int count, Func<int, string> url, Action<string>? pulled = null) : IEnumerable<string>
{
    private int _pulled;
    private int _disposed;

    /// <summary>URLs handed out so far, all enumerations together.</summary>
    public int Pulled => Volatile.Read(ref _pulled);

    /// <summary>Whether an enumeration was disposed.</summary>
    public bool Disposed => Volatile.Read(ref _disposed) > 0;

    public IEnumerator<string> GetEnumerator()
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                var next = url(i);
                pulled?.Invoke(next);
                Interlocked.Increment(ref _pulled);
                yield return next;
            }
        }
        finally
        {
            Interlocked.Increment(ref _disposed);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
