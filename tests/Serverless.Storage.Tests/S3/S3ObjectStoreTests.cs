using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Minio.DataModel.Args;
using Serverless.Storage.S3;
using Serverless.Tenders.Ports;

namespace Serverless.Storage.Tests.S3;

[Collection(S3Collection.Name)]
public sealed class S3ObjectStoreTests(S3Fixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly IObjectStore _store = fixture.Store;

    // "0123456789abcdefghijklmnopqrstuvwxyz": byte i is easy to check by eye.
    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes("0123456789abcdefghijklmnopqrstuvwxyz");

    [Fact]
    public async Task PutAsync_KnownSize_ReadsBackTheSameBytesSizeAndContentType()
    {
        var key = S3Fixture.NewKey("notice.xml");
        var content = Encoding.UTF8.GetBytes("<Notice>réno</Notice>");

        await _store.PutAsync(key, new MemoryStream(content), content.Length, "application/xml", None);

        var info = await _store.StatAsync(key, None);
        Assert.Equal(new StoredObjectInfo(key, content.Length, "application/xml"), info);
        Assert.Equal(content, await ReadAllAsync(key, null));
    }

    [Fact]
    public async Task PutAsync_UnknownSizeLargerThanOnePart_StoresEveryByte()
    {
        // Parts are 8 MiB (S3Uploader.PartSize): this takes three parts, the third a short one (4 MiB + 123 bytes).
        const long length = 20 * 1024 * 1024 + 123;
        var key = S3Fixture.NewKey("large.bin");
        await using var content = new GeneratedStream(length);

        await _store.PutAsync(key, content, -1, "application/octet-stream", None);

        Assert.Equal(length, (await _store.StatAsync(key, None))!.Size);
        // A multipart object's ETag is "<md5 of the part md5s>-<number of parts>".
        var stat = await fixture.Minio.StatObjectAsync(new StatObjectArgs().WithBucket(S3Fixture.Bucket).WithObject(key), None);
        Assert.EndsWith("-3", stat.ETag.Trim('"'));
        await using var read = (await _store.OpenReadAsync(key, null, None))!;
        using var sha = SHA256.Create();
        var readHash = Convert.ToHexStringLower(await sha.ComputeHashAsync(read));
        Assert.Equal(content.Sha256, readHash);
        await _store.DeleteAsync(key, None);
    }

    [Fact]
    public async Task PutAsync_KnownSizeOfExactlyOnePart_StoresOnePartObject()
    {
        const long length = 8 * 1024 * 1024;
        var key = S3Fixture.NewKey("one-part.bin");
        await using var content = new GeneratedStream(length);

        await _store.PutAsync(key, content, length, "application/octet-stream", None);

        var stat = await fixture.Minio.StatObjectAsync(new StatObjectArgs().WithBucket(S3Fixture.Bucket).WithObject(key), None);
        Assert.Equal(length, stat.Size);
        Assert.EndsWith("-1", stat.ETag.Trim('"'));
        await _store.DeleteAsync(key, None);
    }

    [Fact]
    public async Task PutAsync_KeyWithSpacesPlusAndNonAscii_ReadsBackUnderTheSameKey()
    {
        // Every character class the request signature encodes differently: space, '+', '=', '&', UTF-8, '~'.
        var key = S3Fixture.NewKey("a b+c=d&e é~ü.txt");

        await _store.PutAsync(key, new MemoryStream(Alphabet), Alphabet.Length, "text/plain", None);

        Assert.Equal(Alphabet, await ReadAllAsync(key, null));
        var stat = await fixture.Minio.StatObjectAsync(new StatObjectArgs().WithBucket(S3Fixture.Bucket).WithObject(key), None);
        Assert.Equal(key, stat.ObjectName);
        await _store.DeleteAsync(key, None);
    }

    [Fact]
    public async Task PutAsync_StreamShorterThanTheSizeGiven_ThrowsAndStoresNothing()
    {
        var key = S3Fixture.NewKey();

        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.PutAsync(key, new MemoryStream(Alphabet), Alphabet.Length + 10, "text/plain", None));

        Assert.Contains("36 of the 46 bytes", e.Message);
        Assert.Null(await _store.StatAsync(key, None));
    }

    [Fact]
    public async Task StatAsync_AbsentKey_ReturnsNull()
    {
        Assert.Null(await _store.StatAsync(S3Fixture.NewKey(), None));
    }

    [Fact]
    public async Task OpenReadAsync_AbsentKey_ReturnsNull()
    {
        Assert.Null(await _store.OpenReadAsync(S3Fixture.NewKey(), null, None));
        Assert.Null(await _store.OpenReadAsync(S3Fixture.NewKey(), new ByteRange(0, 9), None));
    }

    [Fact]
    public async Task OpenReadAsync_ClosedRange_ReturnsExactlyThoseBytes()
    {
        var key = await PutAlphabetAsync();

        var bytes = await ReadAllAsync(key, new ByteRange(10, 19));

        Assert.Equal("abcdefghij", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task OpenReadAsync_OpenEndedRange_ReturnsTheRestOfTheObject()
    {
        var key = await PutAlphabetAsync();

        var bytes = await ReadAllAsync(key, new ByteRange(30, null));

        Assert.Equal("uvwxyz", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task OpenReadAsync_RangeEndBeyondTheObject_ReturnsUpToTheEnd()
    {
        var key = await PutAlphabetAsync();

        // HTTP ranges clip a last byte beyond the end (RFC 9110 14.1.2).
        var bytes = await ReadAllAsync(key, new ByteRange(34, 99));

        Assert.Equal("yz", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task OpenReadAsync_RangeStartBeyondTheObject_ThrowsObjectStoreException()
    {
        var key = await PutAlphabetAsync();

        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.OpenReadAsync(key, new ByteRange(36, null), None));

        Assert.Equal("read", e.Operation);
        Assert.Equal(key, e.Key);
        Assert.Contains("bytes=36-", e.Message);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenAgain_RemovesWithoutError()
    {
        var key = await PutAlphabetAsync();

        await _store.DeleteAsync(key, None);
        await _store.DeleteAsync(key, None);

        Assert.Null(await _store.StatAsync(key, None));
    }

    [Fact]
    public async Task DeleteAsync_NeverStoredKey_DoesNotThrow()
    {
        await _store.DeleteAsync(S3Fixture.NewKey(), None);
    }

    [Theory]
    [InlineData("application/pdf", "application/pdf")]
    [InlineData("text/html; charset=utf-8", "text/html; charset=utf-8")]
    [InlineData("", "application/octet-stream")]
    public async Task StatAsync_AfterPut_ReturnsTheContentTypeGiven(string contentType, string expected)
    {
        var key = S3Fixture.NewKey();

        await _store.PutAsync(key, new MemoryStream(Alphabet), Alphabet.Length, contentType, None);

        Assert.Equal(expected, (await _store.StatAsync(key, None))!.ContentType);
    }

    [Fact]
    public async Task PutAsync_ExistingKey_ReplacesTheObject()
    {
        var key = await PutAlphabetAsync();
        var replacement = "replaced"u8.ToArray();

        await _store.PutAsync(key, new MemoryStream(replacement), -1, "text/plain", None);

        Assert.Equal(replacement, await ReadAllAsync(key, null));
        Assert.Equal(new StoredObjectInfo(key, replacement.Length, "text/plain"), await _store.StatAsync(key, None));
    }

    [Fact]
    public async Task PutAsync_WrongSecretKey_ThrowsObjectStoreExceptionWithoutTheSecret()
    {
        const string wrongSecret = "not-the-secret-0123456789";
        await using var services = S3Fixture.BuildServices(LocalServices.Configuration, new Dictionary<string, string?> { ["S3:SecretKey"] = wrongSecret });
        var store = services.GetRequiredService<IObjectStore>();
        var key = S3Fixture.NewKey();

        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync(key, new MemoryStream(Alphabet), Alphabet.Length, "text/plain", None));

        Assert.Equal("put", e.Operation);
        Assert.Equal(key, e.Key);
        Assert.Equal(S3Fixture.Bucket, e.Bucket);
        Assert.DoesNotContain(wrongSecret, e.ToString());
        Assert.DoesNotContain(LocalServices.Configuration["S3:SecretKey"]!, e.ToString());
    }

    [Fact]
    public async Task OpenReadAsync_UnreachableEndpoint_ThrowsObjectStoreException()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        await using var services = S3Fixture.BuildServices(LocalServices.Configuration, new Dictionary<string, string?> { ["S3:Endpoint"] = "127.0.0.1:1" });
        var store = services.GetRequiredService<IObjectStore>();

        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => store.OpenReadAsync("any", null, None));

        Assert.Equal("read", e.Operation);
        Assert.Contains("cannot reach", e.Message);
    }

    [Fact]
    public async Task EnsureBucketAsync_MissingBucket_CreatesItOnceAndAgainIsANoOp()
    {
        var bucket = "test-" + Guid.NewGuid().ToString("N")[..20];
        await using var services = S3Fixture.BuildServices(LocalServices.Configuration, new Dictionary<string, string?> { ["S3:Bucket"] = bucket });
        var store = services.GetRequiredService<S3ObjectStore>();
        try
        {
            await store.EnsureBucketAsync(None);
            await store.EnsureBucketAsync(None);

            Assert.True(await fixture.Minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), None));
            await store.PutAsync("k", new MemoryStream(Alphabet), Alphabet.Length, "text/plain", None);
            Assert.Equal(Alphabet.Length, (await store.StatAsync("k", None))!.Size);
            await store.DeleteAsync("k", None);
        }
        finally
        {
            await fixture.Minio.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(bucket), None);
        }
    }

    private async Task<string> PutAlphabetAsync()
    {
        var key = S3Fixture.NewKey("alphabet.txt");
        await _store.PutAsync(key, new MemoryStream(Alphabet), Alphabet.Length, "text/plain", None);
        return key;
    }

    private async Task<byte[]> ReadAllAsync(string key, ByteRange? range)
    {
        await using var stream = await _store.OpenReadAsync(key, range, None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
