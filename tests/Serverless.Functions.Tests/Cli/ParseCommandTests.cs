using System.Text.Json;

namespace Serverless.Functions.Tests.Cli;

/// <summary>
/// <c>serverless parse</c>: a notice in, its tender record as JSON out; a bad file named on stderr.
/// Expected values are read off <c>Fixtures/contract-notice-lyon.xml</c> by hand.
/// </summary>
public sealed class ParseCommandTests
{
    private static readonly string Notice = CliFixtures.PathOf("contract-notice-lyon.xml");
    private static readonly string Doctype = CliFixtures.PathOf("doctype.xml");

    [Fact]
    public async Task Parse_EformsNotice_PrintsTheRecordAsJson()
    {
        var run = await CliRun.RunAsync("parse", Notice);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var record = json.RootElement;
        Assert.Equal("eforms", record.GetProperty("format").GetString());
        Assert.Equal("4f7c2a1e-8b3d-4e6a-9c1f-2d5b7a9e0c13", record.GetProperty("noticeId").GetString());
        Assert.Equal("01", record.GetProperty("noticeVersion").GetString());
        Assert.Equal("16", record.GetProperty("noticeSubtype").GetString());
        Assert.Equal("00123456-2025", record.GetProperty("publicationId").GetString());
        Assert.Equal("FRA", record.GetProperty("language").GetString());
        Assert.Equal("Entretien des espaces verts", record.GetProperty("title").GetString());
        Assert.Equal("Tonte, taille et arrosage des parcs municipaux.", record.GetProperty("description").GetString());
        Assert.Equal("Ville de Lyon", record.GetProperty("buyer").GetProperty("name").GetString());
        Assert.Equal("FRA", record.GetProperty("buyer").GetProperty("country").GetString());
        Assert.Equal("77310000", record.GetProperty("mainCpv").GetString());
        Assert.Equal(["77311000", "77313000"], record.GetProperty("additionalCpv").EnumerateArray().Select(cpv => cpv.GetString()));
        Assert.Equal(250000.50m, record.GetProperty("estimatedValue").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", record.GetProperty("estimatedValue").GetProperty("currency").GetString());
        Assert.Equal("open", record.GetProperty("procedureType").GetString());
        // The only lot's deadline, with the offset the notice writes.
        Assert.Equal("2025-03-14T12:00:00+01:00", record.GetProperty("deadline").GetString());

        var lot = Assert.Single(record.GetProperty("lots").EnumerateArray());
        Assert.Equal("LOT-0001", lot.GetProperty("id").GetString());
        Assert.Equal("Parcs du 7e arrondissement", lot.GetProperty("title").GetString());
        Assert.Equal("77313000", lot.GetProperty("mainCpv").GetString());
        Assert.Equal(JsonValueKind.Null, lot.GetProperty("estimatedValue").ValueKind);
        Assert.Equal("2025-03-14T12:00:00+01:00", lot.GetProperty("deadline").GetString());

        Assert.Equal(
            [
                ("https://marches.lyon.example/dce/2025-17", "documents"),
                ("https://marches.lyon.example/depot/2025-17", "submission"),
                ("https://www.lyon.example/", "buyer"),
            ],
            record.GetProperty("links").EnumerateArray().Select(link => (link.GetProperty("url").GetString(), link.GetProperty("kind").GetString())));
    }

    [Fact]
    public async Task Parse_EformsNotice_LeavesOutWhatOnlyIngestionFills()
    {
        var run = await CliRun.RunAsync("parse", Notice);

        using var json = JsonDocument.Parse(run.Out);
        Assert.False(json.RootElement.TryGetProperty("id", out _));
        Assert.False(json.RootElement.TryGetProperty("documents", out _));
        Assert.False(json.RootElement.TryGetProperty("ingestedAt", out _));
    }

    [Fact]
    public async Task Parse_FileWithDoctype_ExitsOneAndNamesTheFileOnStderr()
    {
        var run = await CliRun.RunAsync("parse", Doctype);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains(Doctype, run.Error);
        Assert.Contains("DTDs are not allowed", run.Error);
    }

    [Fact]
    public async Task Parse_GoodAndBadFiles_PrintsTheGoodOneAndExitsOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.xml");

        var run = await CliRun.RunAsync("parse", Doctype, Notice, missing);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("4f7c2a1e-8b3d-4e6a-9c1f-2d5b7a9e0c13", json.RootElement.GetProperty("noticeId").GetString());
        Assert.Contains($"{Doctype}: DTDs are not allowed", run.Error);
        Assert.Contains($"{missing}: file not found", run.Error);
    }

    [Fact]
    public async Task Parse_NoFile_IsAUsageError()
    {
        var run = await CliRun.RunAsync("parse");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("parse needs at least one FILE", run.Error);
    }
}
