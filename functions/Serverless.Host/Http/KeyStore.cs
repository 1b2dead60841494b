using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Host.Http;

/// <summary>
/// The master, host and function keys, loaded once at start-up from configuration and the key folder.
/// Keys are compared in constant time; a key value is never logged.
/// </summary>
internal sealed class KeyStore
{
    private byte[]? _master;
    private readonly List<byte[]> _hostKeys = [];
    private readonly Dictionary<string, List<byte[]>> _functionKeys = new(StringComparer.OrdinalIgnoreCase);

    public KeyStore(IConfiguration configuration, IOptions<FunctionKeysOptions> options, ILogger<KeyStore> logger)
    {
        var section = configuration.GetSection(FunctionKeysOptions.Section);
        _master = Hash(section["Master"]);
        foreach (var key in section.GetSection("Host").GetChildren())
        {
            AddHostKey(key.Value);
        }

        foreach (var function in section.GetSection("Functions").GetChildren())
        {
            foreach (var key in function.GetChildren())
            {
                AddFunctionKey(function.Key, key.Value);
            }
        }

        var path = options.Value.Path ?? (Directory.Exists(FunctionKeysOptions.DefaultKeysPath) ? FunctionKeysOptions.DefaultKeysPath : null);
        if (path is not null)
        {
            if (!Directory.Exists(path))
            {
                throw new InvalidOperationException($"FunctionKeys:Path '{path}' does not exist; mount the key secret there or unset FunctionKeys__Path.");
            }

            foreach (var file in Directory.EnumerateFiles(path))
            {
                LoadFile(System.IO.Path.GetFileName(file), File.ReadAllText(file).Trim());
            }
        }

        var count = (_master is null ? 0 : 1) + _hostKeys.Count + _functionKeys.Values.Sum(k => k.Count);
        logger.LogInformation("Loaded {Count} function key(s){From}", count, path is null ? string.Empty : " (key folder " + path + ")");
    }

    public bool HasMasterKey => _master is not null;

    public bool IsMaster(string? key) => key is not null && _master is not null && Same(Hash(key)!, _master);

    /// <summary>True when <paramref name="key"/> is a key of <paramref name="function"/>, a host key or the master key.</summary>
    public bool IsFunctionKey(string function, string? key)
    {
        if (key is null)
        {
            return false;
        }

        var hash = Hash(key)!;
        var match = _master is not null && Same(hash, _master);
        // Check every candidate, so timing does not reveal which kind of key matched.
        foreach (var candidate in _hostKeys)
        {
            match |= Same(hash, candidate);
        }

        if (_functionKeys.TryGetValue(function, out var keys))
        {
            foreach (var candidate in keys)
            {
                match |= Same(hash, candidate);
            }
        }

        return match;
    }

    private void LoadFile(string name, string value)
    {
        // Layout of the Functions host's Kubernetes secret: host.master, host.function.<name>, functions.<function>.<name>.
        if (name.Equals("host.master", StringComparison.OrdinalIgnoreCase))
        {
            _master = Hash(value);
        }
        else if (name.StartsWith("host.function.", StringComparison.OrdinalIgnoreCase))
        {
            AddHostKey(value);
        }
        else if (name.StartsWith("functions.", StringComparison.OrdinalIgnoreCase) && name.Split('.') is { Length: 3 } parts)
        {
            AddFunctionKey(parts[1], value);
        }
    }

    private void AddHostKey(string? value)
    {
        if (Hash(value) is { } hash)
        {
            _hostKeys.Add(hash);
        }
    }

    private void AddFunctionKey(string function, string? value)
    {
        if (Hash(value) is { } hash)
        {
            if (!_functionKeys.TryGetValue(function, out var list))
            {
                _functionKeys[function] = list = [];
            }

            list.Add(hash);
        }
    }

    // Hashing first gives equal-length inputs, so the comparison leaks neither content nor length.
    private static byte[]? Hash(string? key) => string.IsNullOrWhiteSpace(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));

    private static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);
}
