using Serverless.Links.Extraction;

namespace Serverless.Links.Tests.Extraction;

public sealed class SrcsetParserTests
{
    [Theory]
    [InlineData("a.jpg 1x, b.jpg 2x", new[] { "a.jpg", "b.jpg" })]
    [InlineData("small.jpg 480w,big.jpg 1080w", new[] { "small.jpg", "big.jpg" })]
    [InlineData("only.jpg", new[] { "only.jpg" })]
    [InlineData("  a.jpg  ,  b.jpg  ", new[] { "a.jpg", "b.jpg" })]
    [InlineData("a.jpg,b.jpg", new[] { "a.jpg,b.jpg" })]
    [InlineData("a.jpg, b.jpg,", new[] { "a.jpg", "b.jpg" })]
    [InlineData("https://cdn.example.org/i.jpg?w=1,2 1x, https://cdn.example.org/j.jpg 2x", new[] { "https://cdn.example.org/i.jpg?w=1,2", "https://cdn.example.org/j.jpg" })]
    [InlineData("a.jpg (max-width: 1, 2) 1x, b.jpg 2x", new[] { "a.jpg", "b.jpg" })]
    [InlineData("", new string[0])]
    [InlineData(" , ", new string[0])]
    public void Urls_Candidates_GivesEachUrlWithoutDescriptors(string srcset, string[] expected)
    {
        Assert.Equal(expected, SrcsetParser.Urls(srcset));
    }
}
