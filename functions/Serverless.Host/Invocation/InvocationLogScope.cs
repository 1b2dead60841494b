using System.Collections;

namespace Serverless.Host.Invocation;

/// <summary>
/// The logging scope of one invocation: the function's name and the invocation id, under the names the Functions host
/// uses (<c>AzureFunctions_FunctionName</c>, <c>AzureFunctions_InvocationId</c>). A list of two pairs rather than a
/// dictionary: loggers read scopes as key/value pairs, and the dictionary was built for every invocation.
/// </summary>
internal sealed class InvocationLogScope(string functionName, string invocationId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public const string FunctionNameKey = "AzureFunctions_FunctionName";
    public const string InvocationIdKey = "AzureFunctions_InvocationId";

    public int Count => 2;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new KeyValuePair<string, object>(FunctionNameKey, functionName),
        1 => new KeyValuePair<string, object>(InvocationIdKey, invocationId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{FunctionNameKey}:{functionName} {InvocationIdKey}:{invocationId}";
}
