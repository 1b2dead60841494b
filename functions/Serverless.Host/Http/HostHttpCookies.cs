using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Http;

namespace Serverless.Host.Http;

/// <summary>Response cookies, written straight into Kestrel's Set-Cookie headers.</summary>
internal sealed class HostHttpCookies(HttpResponse response) : HttpCookies
{
    public override void Append(string name, string value) => response.Cookies.Append(name, value);

    public override void Append(IHttpCookie cookie) => response.Cookies.Append(cookie.Name, cookie.Value, new CookieOptions
    {
        Domain = cookie.Domain,
        Path = cookie.Path,
        Expires = cookie.Expires,
        HttpOnly = cookie.HttpOnly ?? false,
        Secure = cookie.Secure ?? false,
        MaxAge = cookie.MaxAge is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        SameSite = cookie.SameSite switch
        {
            Microsoft.Azure.Functions.Worker.Http.SameSite.Lax => Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            Microsoft.Azure.Functions.Worker.Http.SameSite.Strict => Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Microsoft.Azure.Functions.Worker.Http.SameSite.ExplicitNone => Microsoft.AspNetCore.Http.SameSiteMode.None,
            _ => Microsoft.AspNetCore.Http.SameSiteMode.Unspecified,
        },
    });

    public override IHttpCookie CreateNew() => new HttpCookie(string.Empty, string.Empty);
}
