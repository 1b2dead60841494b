using System.Globalization;
using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Serverless.Functions.Http;
using Serverless.Tenders.Ports;

namespace Serverless.Functions.Tenders;

/// <summary>
/// <c>GET /api/tenders?cpv=&amp;buyer=&amp;country=&amp;deadlineFrom=&amp;deadlineTo=&amp;q=&amp;page=&amp;pageSize=</c>:
/// filters combine; <c>cpv</c> matches by prefix; <c>q</c> is full text over title and description in each notice's language.
/// </summary>
public sealed class SearchTenders(ITenderStore tenders)
{
    [Function(nameof(SearchTenders))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenders")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        var errors = new List<string>();
        var search = new TenderQuery
        {
            Cpv = Text(query["cpv"]),
            Buyer = Text(query["buyer"]),
            Country = Text(query["country"]),
            Text = Text(query["q"]),
            DeadlineFrom = Date(query["deadlineFrom"], "deadlineFrom", errors),
            DeadlineTo = Date(query["deadlineTo"], "deadlineTo", errors),
            Page = Number(query["page"], "page", 1, int.MaxValue, 1, errors),
            PageSize = Number(query["pageSize"], "pageSize", 1, TenderQuery.MaxPageSize, TenderQuery.DefaultPageSize, errors),
        };
        if (search.Cpv is { } cpv && !cpv.All(char.IsAsciiDigit))
        {
            errors.Add("cpv: digits only (a CPV code or its prefix, e.g. 4521).");
        }

        if (errors.Count > 0)
        {
            return await request.CreateProblemAsync(HttpStatusCode.BadRequest, "Bad search parameters", problems: errors);
        }

        var page = await tenders.SearchAsync(search, cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(page, cancellationToken);
        return response;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Date(string? value, string name, List<string> errors)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        errors.Add($"{name}: '{text}' is not an ISO 8601 date or date-time (e.g. 2024-05-31 or 2024-05-31T12:00:00+02:00).");
        return null;
    }

    private static int Number(string? value, string name, int min, int max, int fallback, List<string> errors)
    {
        if (Text(value) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add($"{name}: a whole number from {min} to {max}.");
        return fallback;
    }
}
