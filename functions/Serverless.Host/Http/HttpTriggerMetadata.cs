using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serverless.Host.Http;

/// <summary>
/// Binding data of an HTTP trigger, as the Functions host provides it: route values by name, plus <c>Query</c> and
/// <c>Headers</c> (dictionaries of strings). Built on first use only: the worker reads it just to bind a parameter that
/// is not the request itself, or when a function asks for <c>BindingContext.BindingData</c>, and three dictionaries per
/// request were a visible share of a trivial request's allocations.
/// </summary>
internal sealed class HttpTriggerMetadata(HttpContext http) : IReadOnlyDictionary<string, object?>
{
    private Dictionary<string, object?>? _data;

    private Dictionary<string, object?> Data => _data ??= Build(http);

    public object? this[string key] => Data[key];

    public IEnumerable<string> Keys => Data.Keys;

    public IEnumerable<object?> Values => Data.Values;

    public int Count => Data.Count;

    public bool ContainsKey(string key) => Data.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => Data.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Data.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static Dictionary<string, object?> Build(HttpContext http)
    {
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in http.GetRouteData().Values)
        {
            data[key] = value?.ToString();
        }

        data["Query"] = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        data["Headers"] = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return data;
    }
}
