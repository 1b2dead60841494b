using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Serverless.Host.Invocation;

/// <summary>
/// Raw input data with one entry (the trigger's parameter, the common case), matched by name without regard to case as
/// the worker's own dictionaries do. A dictionary per invocation for one value showed in the HTTP allocation profile.
/// </summary>
internal sealed class SingleInput(string name, object? value) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => TryGetValue(key, out var found) ? found : throw new KeyNotFoundException($"No input named '{key}'.");

    public IEnumerable<string> Keys => [name];

    public IEnumerable<object?> Values => [value];

    public int Count => 1;

    public bool ContainsKey(string key) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? found)
    {
        found = ContainsKey(key) ? value : null;
        return ContainsKey(key);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return new KeyValuePair<string, object?>(name, value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
