using System.Text;
using Serverless.Tenders.Parsing;

namespace Serverless.Tenders.Tests.Parsing;

public sealed class NoticeParserDepthTests
{
    [Fact]
    public void Parse_DeeplyNestedNotice_IsRefusedWithoutLoadingIt()
    {
        const int depth = 50_000;
        var xml = "<ContractNotice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2\">"
            + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</ContractNotice>";

        var result = new NoticeParser().Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

        Assert.False(result.Succeeded);
        Assert.Contains("nested more than 100 deep", Assert.Single(result.Problems));
    }
}
