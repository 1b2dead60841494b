using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Support;
using Serverless.Tenders.Ingestion;
using Serverless.Tenders.Ports;

namespace Serverless.Functions.Tests.Tenders;

/// <summary>Ingestion and search through the real host, PostgreSQL and Ceph RGW.</summary>
public sealed class TenderApiTests : IAsyncLifetime
{
    private const string FrenchNotice = "eforms/sdk-1.15.1_cn_24_FRA_comments.xml";
    private const string GermanTedNotice = "ted-legacy/ted-052928-2021_F02_cn_de.xml";
    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? fileName = null, string? contentType = "application/xml")
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return await _host.Client.PostAsync(fileName is null ? "/api/tenders" : $"/api/tenders?filename={Uri.EscapeDataString(fileName)}", content);
    }

    [Fact]
    public async Task Post_NewEformsNotice_Returns201_WithRecordMatchingTheDocument()
    {
        var bytes = Notices.Fresh(FrenchNotice);
        var response = await PostAsync(bytes, "avis.xml", contentType: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = record.GetProperty("id").GetGuid();
        Assert.Equal($"/api/tenders/{id}", response.Headers.Location?.OriginalString);
        // Values read by hand from the XML: cbc:ID[@schemeName='notice-id'], NoticeLanguageCode, SubTypeCode,
        // the procedure's cbc:Name, ORG-0001's PartyName and country, MainCommodityClassification.
        Assert.Equal("eforms", record.GetProperty("format").GetString());
        Assert.Equal("da4d46e9-490b-41ff-a2ae-8166d356a619", record.GetProperty("noticeId").GetString());
        Assert.Equal("FRA", record.GetProperty("language").GetString());
        Assert.Equal("16", record.GetProperty("noticeSubtype").GetString());
        Assert.Equal("Service d'entretien de remise en état et de nettoyage des espaces verts", record.GetProperty("title").GetString());
        Assert.Equal("Rouen Habitat", record.GetProperty("buyer").GetProperty("name").GetString());
        Assert.Equal("FRA", record.GetProperty("buyer").GetProperty("country").GetString());
        Assert.Equal("77310000", record.GetProperty("mainCpv").GetString());
        Assert.Equal(2, record.GetProperty("lots").GetArrayLength());
        var document = record.GetProperty("documents")[0];
        Assert.Equal(Notices.Sha256(bytes), document.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, document.GetProperty("size").GetInt64());
        Assert.Equal("avis.xml", document.GetProperty("fileName").GetString());

        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/tenders/{id}");
        Assert.Equal(id, stored.GetProperty("id").GetGuid());
        Assert.Equal(bytes, await _host.Client.GetByteArrayAsync($"/api/tenders/{id}/original"));
        var info = await _host.Services.GetRequiredService<IObjectStore>().StatAsync(TenderIngestion.ObjectKeyFor(Notices.Sha256(bytes)), default);
        Assert.Equal(bytes.Length, info!.Size);
    }

    [Fact]
    public async Task Post_LegacyTedNotice_UsesOriginalLanguageAndLocalDeadline()
    {
        var response = await PostAsync(Notices.Fresh(GermanTedNotice));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = await response.Content.ReadFromJsonAsync<JsonElement>();
        // NO_DOC_OJS, LG_ORIG, ORIGINAL_CPV, OFFICIALNAME of the contracting body, DT_DATE_FOR_SUBMISSION 20210301 08:00 (CET).
        Assert.Equal("ted", record.GetProperty("format").GetString());
        Assert.Equal("2021/S 022-052928", record.GetProperty("noticeId").GetString());
        Assert.Equal("DE", record.GetProperty("language").GetString());
        Assert.Equal("80000000", record.GetProperty("mainCpv").GetString());
        Assert.Equal("Landesinstitut für Schulqualität und Lehrerbildung Sachsen Anhalt (LISA)", record.GetProperty("buyer").GetProperty("name").GetString());
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 8, 0, 0, TimeSpan.FromHours(1)), record.GetProperty("deadline").GetDateTimeOffset());
        Assert.StartsWith("Entwicklung digitaler Kompetenzen von Lehrkräften", record.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_NoticeOfTwoMegabytes_StoresEveryByte()
    {
        // A 2 MB comment after the root element (many spool writes of the copy buffer); the stored original must
        // still be the exact bytes sent, and the record the notice's.
        var padding = Encoding.ASCII.GetBytes("\n<!-- " + new string('x', 2_000_000) + " -->\n");
        byte[] bytes = [.. Notices.Fresh(FrenchNotice), .. padding];

        var response = await PostAsync(bytes);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("da4d46e9-490b-41ff-a2ae-8166d356a619", record.GetProperty("noticeId").GetString());
        Assert.Equal(bytes.Length, record.GetProperty("documents")[0].GetProperty("size").GetInt64());
        Assert.Equal(bytes, await _host.Client.GetByteArrayAsync($"/api/tenders/{record.GetProperty("id").GetGuid()}/original"));
    }

    [Fact]
    public async Task Post_SameBytesTwice_Returns200WithFirstRecord_AndOneRow()
    {
        var bytes = Notices.Fresh(FrenchNotice);
        var first = await (await PostAsync(bytes)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await PostAsync(bytes);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.Equal(1, await _host.ScalarAsync("select count(*) from tenders where sha256 = @s", ("s", Notices.Sha256(bytes))));
    }

    [Fact]
    public async Task Post_Multipart_IngestsEachFile_AndRejectsTheBadOne()
    {
        using var form = new MultipartFormDataContent();
        var good = Notices.Fresh(GermanTedNotice);
        form.Add(new ByteArrayContent(good), "files", "de.xml");
        form.Add(new ByteArrayContent(Notices.Fresh(FrenchNotice)), "files", "fr.xml");
        form.Add(new ByteArrayContent("<html><body>no notice</body></html>"u8.ToArray()), "files", "page.html");

        var response = await _host.Client.PostAsync("/api/tenders", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["de.xml", "fr.xml", "page.html"], results.Select(r => r.GetProperty("fileName").GetString()));
        Assert.Equal(["created", "created", "rejected"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(1, await _host.ScalarAsync("select count(*) from tenders where sha256 = @s", ("s", Notices.Sha256(good))));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ContractNotice>&e;</ContractNotice>", 422)]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><ContractNotice>&b;</ContractNotice>", 422)]
    [InlineData("<ContractNotice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2\"><cbc:ID", 422)]
    [InlineData("<rss version=\"2.0\"><channel/></rss>", 422)]
    [InlineData("", 400)]
    public async Task Post_BadInput_Returns4xxProblem_AndStoresNothing(string body, int status)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var response = await PostAsync(bytes);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await _host.ScalarAsync("select count(*) from tenders where sha256 = @s", ("s", Notices.Sha256(bytes))));
        Assert.Null(await _host.Services.GetRequiredService<IObjectStore>().StatAsync(TenderIngestion.ObjectKeyFor(Notices.Sha256(bytes)), default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--xyz\r\nfoo")]
    [InlineData("--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.xml\"\r\n\r\n<x/>")]
    public async Task Post_MalformedMultipart_Returns400Problem(string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        var response = await _host.Client.PostAsync("/api/tenders", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_OverConfiguredLimit_Returns413()
    {
        var body = new byte[FunctionAppHost.MaxDocumentBytes + 1];
        Array.Fill(body, (byte)' ');
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_WithoutKey_Returns401()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Address };
        var response = await anonymous.PostAsync("/api/tenders", new ByteArrayContent(Notices.Fresh(FrenchNotice)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Original_WithRange_Returns206WithExactlyThoseBytes()
    {
        var bytes = Notices.Fresh(GermanTedNotice);
        var id = (await (await PostAsync(bytes)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tenders/{id}/original");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[100..200], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100-199/{bytes.Length}", response.Content.Headers.ContentRange?.ToString());

        using var tail = new HttpRequestMessage(HttpMethod.Get, $"/api/tenders/{id}/original");
        tail.Headers.Range = new RangeHeaderValue(null, 10);
        Assert.Equal(bytes[^10..], await (await _host.Client.SendAsync(tail)).Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/api/tenders/{id}/original");
        beyond.Headers.Range = new RangeHeaderValue(bytes.Length + 5, null);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await _host.Client.SendAsync(beyond)).StatusCode);
    }

    [Fact]
    public async Task Get_UnknownTender_Returns404Problem()
    {
        var response = await _host.Client.GetAsync($"/api/tenders/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Search_FiltersCombine()
    {
        var fr = (await (await PostAsync(Notices.Fresh(FrenchNotice))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var de = (await (await PostAsync(Notices.Fresh(GermanTedNotice))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        async Task<List<Guid>> Ids(string query)
        {
            var page = await _host.Client.GetFromJsonAsync<JsonElement>("/api/tenders?pageSize=100&" + query);
            return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        }

        // 77310000 (green spaces) starts with 7731; 80000000 (education) does not.
        var byCpv = await Ids("cpv=7731");
        Assert.Contains(fr, byCpv);
        Assert.DoesNotContain(de, byCpv);
        var byCountryAndBuyer = await Ids("country=DE&buyer=lehrerbildung");
        Assert.Contains(de, byCountryAndBuyer);
        Assert.DoesNotContain(fr, byCountryAndBuyer);
        Assert.DoesNotContain(de, await Ids("country=FRA&buyer=lehrerbildung"));
        // French stemming: "espaces verts" in the title; "espace vert" matches through the french configuration.
        Assert.Contains(fr, await Ids("q=" + Uri.EscapeDataString("espace vert")));
        Assert.DoesNotContain(de, await Ids("q=" + Uri.EscapeDataString("espace vert")));
        var byDeadline = await Ids("deadlineFrom=2021-03-01T00:00:00Z&deadlineTo=2021-03-02T00:00:00Z");
        Assert.Contains(de, byDeadline);
        Assert.DoesNotContain(fr, byDeadline);
    }

    [Fact]
    public async Task Search_BadParameter_Returns400Problem()
    {
        var response = await _host.Client.GetAsync("/api/tenders?deadlineFrom=yesterday&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("deadlineFrom", text);
        Assert.Contains("page", text);
    }
}
