using System.Globalization;
using System.Net;
using System.Text;
using System.Web;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.Delivery;

namespace Secretless.Aws.Tests;

/// <summary>The S3 payload store against a real s3rver.</summary>
[Collection(S3rverGroup.Name)]
public sealed class S3PayloadStoreTests : IDisposable
{
    private static readonly DateTimeOffset CleanupNow = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly S3rverProcess _s3rver;
    private readonly S3PayloadStoreOptions _options;
    private readonly AmazonS3Client _client;
    private readonly S3PayloadStore _store;
    private readonly HttpClient _http = new();

    public S3PayloadStoreTests(S3rverProcess s3rver)
    {
        _s3rver = s3rver;
        _options = s3rver.CreateOptions($"payloads-{Guid.NewGuid():N}/");
        _client = S3PayloadStoreClientFactory.Create(_options);
        _store = new S3PayloadStore(_client, _options, TimeProvider.System, NullLogger<S3PayloadStore>.Instance);
    }

    [Fact]
    public async Task StoreAsync_ThenPresignedUrlGet_ReturnsExactBytes()
    {
        var payload = Encoding.UTF8.GetBytes("{\"certificatePem\":\"-----BEGIN CERTIFICATE-----\\nMIIB…\\n\",\"device\":\"ünï-42\"}");
        var expiresAt = TimeProvider.System.GetUtcNow().AddMinutes(10);

        await _store.StoreAsync("device-42", payload, expiresAt, CancellationToken.None);
        var url = await _store.CreateUrlAsync("device-42", expiresAt, CancellationToken.None);
        using var response = await _http.GetAsync(url.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task CreateUrlAsync_TenMinutes_UrlIsAbsoluteAndCarriesTheAskedLifetime()
    {
        var before = TimeProvider.System.GetUtcNow();
        var expiresAt = before.AddMinutes(10);

        var url = await _store.CreateUrlAsync("device-7", expiresAt, CancellationToken.None);
        var signingTook = TimeProvider.System.GetUtcNow() - before;

        Assert.True(url.Url.IsAbsoluteUri);
        Assert.Equal(_s3rver.ServiceUrl.Authority, url.Url.Authority);
        Assert.Equal($"/{S3rverProcess.BucketName}/{_options.KeyPrefix}device-7", url.Url.AbsolutePath);
        var query = HttpUtility.ParseQueryString(url.Url.Query);
        var lifetimeSeconds = int.Parse(query["X-Amz-Expires"]!, CultureInfo.InvariantCulture);
        Assert.InRange(lifetimeSeconds, 1, 601);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        // The store reports what S3 will enforce. The SDK rounds the lifetime to whole seconds and
        // stamps X-Amz-Date (truncated) a moment after computing it, so the enforced expiry is the
        // asked one give or take a second plus the time the signing call took.
        Assert.Equal(signedAt.AddSeconds(lifetimeSeconds), url.ExpiresAt);
        Assert.InRange(url.ExpiresAt, expiresAt.AddSeconds(-1), expiresAt.AddSeconds(1) + signingTook);
    }

    [Fact]
    public async Task CreateUrlAsync_ExpiryInThePastOrBeyondSevenDays_Throws()
    {
        var now = TimeProvider.System.GetUtcNow();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.CreateUrlAsync("k", now.AddSeconds(-1), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.CreateUrlAsync("k", now.AddDays(7).AddMinutes(1), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task StoreAsync_SameKeyTwice_KeepsOneObjectServingThePayload()
    {
        var payload = Encoding.UTF8.GetBytes("{\"n\":1}");
        var expiresAt = TimeProvider.System.GetUtcNow().AddMinutes(5);

        await _store.StoreAsync("again", payload, expiresAt, CancellationToken.None);
        await _store.StoreAsync("again", payload, expiresAt, CancellationToken.None);

        Assert.Equal([_options.KeyPrefix + "again"], await ListKeysAsync());
        var url = await _store.CreateUrlAsync("again", expiresAt, CancellationToken.None);
        Assert.Equal(payload, await _http.GetByteArrayAsync(url.Url));
    }

    [Fact]
    public async Task StoreAsync_AnyPayload_RecordsExpiryInMetadataAndExpiresHeader()
    {
        var expiresAt = new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero);

        await _store.StoreAsync("meta", Encoding.UTF8.GetBytes("{}"), expiresAt, CancellationToken.None);

        var head = await _client.GetObjectMetadataAsync(S3rverProcess.BucketName, _options.KeyPrefix + "meta");
        Assert.Equal("2031-02-03T04:05:06.0000000Z", head.Metadata[S3PayloadStore.ExpiresAtMetadataKey]);
        Assert.Equal("application/json", head.Headers.ContentType);
        Assert.Equal(expiresAt, DateTimeOffset.Parse(head.ExpiresString!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task DeleteExpiredAsync_MixedExpiriesOverSeveralPages_RemovesOnlyExpired()
    {
        var payload = Encoding.UTF8.GetBytes("{}");
        string[] expired = ["e1", "e2", "e3"];
        string[] live = ["l1", "l2"];
        foreach (var key in expired)
        {
            await _store.StoreAsync(key, payload, CleanupNow.AddSeconds(-1), CancellationToken.None);
        }

        foreach (var key in live)
        {
            await _store.StoreAsync(key, payload, CleanupNow.AddHours(1), CancellationToken.None);
        }

        // An object this store did not write (no expiry metadata) is left alone.
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3rverProcess.BucketName,
            Key = _options.KeyPrefix + "foreign",
            ContentBody = "x",
            UseChunkEncoding = false,
        });
        _options.ListPageSize = 2;
        var pagedStore = new S3PayloadStore(_client, _options, TimeProvider.System, NullLogger<S3PayloadStore>.Instance);

        var deleted = await pagedStore.DeleteExpiredAsync(CleanupNow, CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal(
            new[] { "foreign", "l1", "l2" }.Select(k => _options.KeyPrefix + k),
            await ListKeysAsync());
        Assert.Equal(0, await pagedStore.DeleteExpiredAsync(CleanupNow, CancellationToken.None));
    }

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
    }

    private async Task<List<string>> ListKeysAsync()
    {
        var page = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverProcess.BucketName, Prefix = _options.KeyPrefix });
        return [.. (page.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal)];
    }
}
