using Serverless.Storage.S3;

namespace Serverless.Storage.Tests.S3;

public sealed class S3StorageOptionsValidatorTests
{
    private static S3StorageOptions Valid() => new()
    {
        Endpoint = "127.0.0.1:7480", AccessKey = "access", SecretKey = "secret-value", Bucket = "tenders",
    };

    [Theory]
    [InlineData("127.0.0.1:7480")]
    [InlineData("s3.fr-par.scw.cloud:443")]
    [InlineData("[::1]:7480")]
    public void Validate_HostAndPort_Succeeds(string endpoint)
    {
        var options = Valid();
        options.Endpoint = endpoint;

        Assert.True(new S3StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7480", "without a scheme")]
    [InlineData("127.0.0.1", "port is missing")]
    [InlineData("127.0.0.1:7480/bucket", "expected host:port")]
    public void Validate_BadEndpoint_FailsSayingWhy(string endpoint, string expected)
    {
        var options = Valid();
        options.Endpoint = endpoint;

        var result = new S3StorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void Validate_NothingSet_NamesEveryMissingSettingAndItsVariable()
    {
        var result = new S3StorageOptionsValidator().Validate(null, new S3StorageOptions());

        Assert.True(result.Failed);
        foreach (var variable in new[] { "S3__Endpoint", "S3__AccessKey", "S3__SecretKey", "S3__Bucket" })
        {
            Assert.Contains(variable, result.FailureMessage);
        }
    }

    [Fact]
    public void Validate_Defaults_RegionIsUsEast1()
    {
        Assert.Equal("us-east-1", new S3StorageOptions().Region);
        Assert.True(new S3StorageOptionsValidator().Validate(null, Valid()).Succeeded);
    }
}
