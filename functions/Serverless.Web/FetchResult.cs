using System.Diagnostics.CodeAnalysis;

namespace Serverless.Web;

/// <summary>
/// The outcome of <see cref="SafeHttpFetcher.FetchAsync"/>: an open <see cref="Response"/> (the caller disposes it) or a
/// <see cref="Failure"/>, never both.
/// </summary>
public sealed class FetchResult
{
    private FetchResult(FetchedResponse? response, FetchFailure? failure) => (Response, Failure) = (response, failure);

    /// <summary>The open response when <see cref="IsSuccess"/>; otherwise null.</summary>
    public FetchedResponse? Response { get; }

    /// <summary>Why there is no response when not <see cref="IsSuccess"/>; otherwise null.</summary>
    public FetchFailure? Failure { get; }

    /// <summary>True when <see cref="Response"/> holds a 2xx response.</summary>
    [MemberNotNullWhen(true, nameof(Response))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Response is not null;

    internal static FetchResult Success(FetchedResponse response) => new(response, null);

    internal static FetchResult Failed(FetchFailure failure) => new(null, failure);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"{(int)Response.StatusCode} {Response.Url}" : Failure.ToString();
}
