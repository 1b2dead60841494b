using Serverless.Links.Ports;

namespace Serverless.Links.Tests.Support;

/// <summary>Transport answers for the fake, named as a test reads them.</summary>
internal static class Answer
{
    public static LinkResponse Status(int code) => new() { StatusCode = code };

    public static LinkResponse Ok() => Status(200);

    public static LinkResponse Redirect(int code, string location, params string[] setCookies) =>
        new() { StatusCode = code, Location = location, SetCookies = setCookies };

    public static LinkResponse RetryAfter(int code, string retryAfter) => new() { StatusCode = code, RetryAfter = retryAfter };

    public static LinkResponse Failed(LinkTransportFailure failure, string message = "from the fake") =>
        LinkResponse.Failed(failure, message);

    public static LinkResponse WithHeader(int code, string name, string value) =>
        new() { StatusCode = code, Headers = new Dictionary<string, string> { [name] = value } };

    public static LinkResponse WithBody(int code, string body) => new() { StatusCode = code, ContentType = "text/html", Body = body };
}
