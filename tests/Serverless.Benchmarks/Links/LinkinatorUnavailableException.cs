namespace Serverless.Benchmarks.Links;

/// <summary>linkinator is not installed, does not start or is not the pinned version: its side of the link figures is
/// skipped with this message instead of failing the run.</summary>
internal sealed class LinkinatorUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
