namespace Serverless.Host.Http;

/// <summary>
/// Where function keys come from: configuration (section <see cref="Section"/>, e.g. environment
/// <c>FunctionKeys__Master</c>, <c>FunctionKeys__Host__default</c>, <c>FunctionKeys__Functions__IngestTender__default</c>)
/// and/or a mounted folder in the Functions host's Kubernetes-secret layout (<c>host.master</c>,
/// <c>host.function.&lt;name&gt;</c>, <c>functions.&lt;Function&gt;.&lt;name&gt;</c>). Never from cloud storage.
/// </summary>
public sealed class FunctionKeysOptions
{
    public const string Section = "FunctionKeys";

    /// <summary>The Functions host's mount point for a Kubernetes key secret; used when it exists and no path is set.</summary>
    public const string DefaultKeysPath = "/run/secrets/functions-keys";

    /// <summary>Folder of key files; null = <see cref="DefaultKeysPath"/> if present.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Skip key checks, like <c>func start</c> does locally. Defaults to true only in the Development environment.
    /// </summary>
    public bool? DisableAuthorization { get; set; }
}
