using Serverless.Links.Archive;
using Serverless.Links.Checking;
using Serverless.Links.Extraction;
using Serverless.Links.Reports;

namespace Serverless.Links.Tests.Reports;

/// <summary>
/// A hand-built report of a WordPress export: three posts and pages, every status, a dead link with an archived copy,
/// a redirect chain, unchecked links and hostile content. The counts in <see cref="Summary"/> were added up by hand.
/// </summary>
internal static class SampleReport
{
    public const string ArchiveOfGone = "https://web.archive.org/web/20230101000000/https://gone.example/old-page";
    public const string ArchiveOfFlaky = "https://web.archive.org/web/20220601000000/https://flaky.example/x";
    public const string ScriptTitle = "Hello <script>alert(1)</script> world";
    public const string FormulaTitle = "=cmd|' /C calc'!A0";
    public const string HostileContext = "He said \"hi\", then\nleft";
    public const string JavaScriptRaw = "javascript:alert(document.cookie)";

    public static readonly DateTimeOffset CheckedAt = new(2024, 5, 1, 10, 1, 0, TimeSpan.Zero);

    public static ReportSummary Summary { get; } = new()
    {
        Id = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
        State = ReportState.Done,
        SourceKind = "upload",
        SourceName = "blog.wordpress.2024-05-01.xml",
        DocumentKind = "wxr",
        BaseUrl = "https://blog.example/",
        CreatedAt = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2024, 5, 1, 10, 5, 30, TimeSpan.Zero),
        Documents = 3,
        Links = 13,
        Urls = 10,
        UrlsChecked = 10,
        // Deliberately not in report order: the writers must order them.
        ByStatus = new Dictionary<LinkStatus, int>
        {
            [LinkStatus.Ok] = 1,
            [LinkStatus.Redirected] = 1,
            [LinkStatus.Skipped] = 1,
            [LinkStatus.RateLimited] = 1,
            [LinkStatus.Blocked] = 1,
            [LinkStatus.TlsError] = 1,
            [LinkStatus.Timeout] = 1,
            [LinkStatus.ServerError] = 1,
            [LinkStatus.Broken] = 2,
        },
        NotChecked = 3,
        Dead = 1,
        Archived = 2,
    };

    public static IReadOnlyList<ReportDocument> Documents { get; } =
    [
        new(0, new LinkSource
        {
            PostId = "101", Title = ScriptTitle, Type = "post", Status = "publish",
            BaseUrl = "https://blog.example/2024/05/hello/",
        },
        [
            Checked(
                new ExtractedLink
                {
                    Raw = "https://gone.example/old-page#intro", Url = "https://gone.example/old-page", Fragment = "intro",
                    Kind = LinkKind.Outbound, Element = "a", Line = 3, Column = 10, Context = HostileContext,
                },
                new LinkVerdict
                {
                    Status = LinkStatus.Broken, HttpStatus = 404, Detail = "HTTP 404", CheckedAt = CheckedAt, Dead = true,
                    ConsecutiveFailures = 3, ArchiveOutcome = ArchiveOutcome.Found, ArchiveUrl = ArchiveOfGone,
                }),
            Checked(
                Outbound("http://moved.example/a", "a", 5, "moved, twice"),
                new LinkVerdict
                {
                    Status = LinkStatus.Redirected, HttpStatus = 200, FinalUrl = "https://moved.example/b", CheckedAt = CheckedAt,
                    Redirects =
                    [
                        new RedirectHop("http://moved.example/a", 301, "https://moved.example/a"),
                        new RedirectHop("https://moved.example/a", 302, "https://moved.example/b"),
                    ],
                }),
            Checked(Outbound("https://ok.example/", "img", 7, null), Verdict(LinkStatus.Ok, 200, null)),
            new ReportLink(
                new ExtractedLink
                {
                    Raw = JavaScriptRaw, Kind = LinkKind.NotChecked, Element = "a", Line = 8, Column = 2, Context = "click me",
                    NotCheckedReason = "scheme javascript",
                },
                null),
            new ReportLink(
                new ExtractedLink
                {
                    Raw = "/about/", Url = "https://blog.example/about/", Kind = LinkKind.Internal, Element = "a", Line = 9,
                    Column = 2, Context = "About us",
                },
                null),
            Checked(
                Outbound("https://flaky.example/x", "a", 11, "flaky"),
                Verdict(LinkStatus.Broken, 410, "HTTP 410") with
                {
                    ConsecutiveFailures = 1, ArchiveOutcome = ArchiveOutcome.Found, ArchiveUrl = ArchiveOfFlaky,
                }),
        ]),
        new(1, new LinkSource
        {
            PostId = "102", Title = FormulaTitle, Type = "page", Status = "draft", BaseUrl = "https://blog.example/?page_id=102",
        },
        [
            Checked(Outbound("https://api.example/v1", "a", 2, "Réponse de l’API"),
                Verdict(LinkStatus.ServerError, 503, "HTTP 503 after 2 retries") with { ConsecutiveFailures = 2 }),
            Checked(Outbound("https://slow.example/", "a", 3, null),
                Verdict(LinkStatus.Timeout, null, "no answer in 20 s") with { ConsecutiveFailures = 1 }),
            Checked(Outbound("https://expired.example/", "iframe", 4, null),
                Verdict(LinkStatus.TlsError, null, "certificate expired") with { ConsecutiveFailures = 1 }),
            Checked(Outbound("https://www.linkedin.com/in/someone", "a", 5, "-me on LinkedIn"),
                Verdict(LinkStatus.Blocked, 999, "LinkedIn 999")),
            Checked(Outbound("https://busy.example/", "a", 6, "+1 for this"), Verdict(LinkStatus.RateLimited, 429, "HTTP 429")),
            Checked(Outbound("http://10.0.0.1/admin", "a", 7, "@admin"), Verdict(LinkStatus.Skipped, null, "private address refused")),
            new ReportLink(
                new ExtractedLink
                {
                    Raw = "mailto:editor@blog.example", Kind = LinkKind.NotChecked, Element = "a", Line = 8, Column = 1,
                    Context = "write to us", NotCheckedReason = "scheme mailto",
                },
                null),
        ]),
        new(2, new LinkSource
        {
            PostId = "103", Title = "Café \"crème\", brouillon", Type = "post", Status = "draft",
            BaseUrl = "https://blog.example/?p=103",
        },
        []),
    ];

    public static async IAsyncEnumerable<ReportDocument> Stream(IEnumerable<ReportDocument> documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return document;
        }
    }

    public static async Task<byte[]> WriteAsync(IReportWriter writer, ReportSummary? summary = null, IEnumerable<ReportDocument>? documents = null)
    {
        using var output = new MemoryStream();
        await writer.WriteAsync(summary ?? Summary, Stream(documents ?? Documents), output, CancellationToken.None);
        return output.ToArray();
    }

    private static ExtractedLink Outbound(string url, string element, int line, string? context) => new()
    {
        Raw = url, Url = url, Kind = LinkKind.Outbound, Element = element, Line = line, Column = 1, Context = context,
    };

    private static LinkVerdict Verdict(LinkStatus status, int? httpStatus, string? detail) => new()
    {
        Status = status, HttpStatus = httpStatus, Detail = detail, CheckedAt = CheckedAt,
    };

    private static ReportLink Checked(ExtractedLink link, LinkVerdict verdict) => new(link, verdict);
}
