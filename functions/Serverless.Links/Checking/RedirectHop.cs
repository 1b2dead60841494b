namespace Serverless.Links.Checking;

/// <summary>One redirect answered on the way: the URL that answered it, its status and where it pointed.</summary>
public sealed record RedirectHop(string Url, int StatusCode, string Location)
{
    /// <summary>301 and 308 are permanent; 302, 303 and 307 temporary.</summary>
    public bool Permanent => StatusCode is 301 or 308;
}
