using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Serverless.Host.Http;

/// <summary>
/// Enforces a route's authorization level with keys sent as the <c>x-functions-key</c> header or the
/// <c>code</c> query value, as the Functions host does. In Development, checks are skipped like <c>func start</c>.
/// </summary>
internal sealed class HttpAuthorizer(KeyStore keys, IOptions<FunctionKeysOptions> options, IWebHostEnvironment environment)
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";
    private const string AuthLevelClaim = "http://schemas.microsoft.com/2017/07/functions/claims/authlevel";

    private readonly bool _disabled = options.Value.DisableAuthorization ?? environment.IsDevelopment();

    public bool Disabled => _disabled;

    /// <summary>The identity the request is granted for this level, or null when it must be refused (401).</summary>
    public ClaimsIdentity? Authorize(HttpContext http, AuthorizationLevel level, string? function)
    {
        var key = http.Request.Headers[KeyHeader].FirstOrDefault() ?? http.Request.Query[KeyQuery].FirstOrDefault();
        var granted = keys.IsMaster(key) ? AuthorizationLevel.Admin
            : function is not null && keys.IsFunctionKey(function, key) ? AuthorizationLevel.Function
            : AuthorizationLevel.Anonymous;

        if (_disabled && granted < level)
        {
            granted = level;
        }

        if (granted < level)
        {
            return null;
        }

        var identity = new ClaimsIdentity("WebJobsAuthLevel");
        identity.AddClaim(new Claim(AuthLevelClaim, granted.ToString()));
        return identity;
    }
}
