using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Core.Errors;

namespace Secretless.Aws.Delivery;

/// <summary>
/// Latent delivery on S3: payloads are objects under <see cref="S3PayloadStoreOptions.KeyPrefix"/>
/// and devices fetch them with an S3 pre-signed GET URL, so the server never serves them itself.
/// </summary>
/// <remarks>
/// In production prefer a bucket lifecycle rule on the prefix (expire after 1 day) to
/// <see cref="DeleteExpiredAsync"/>: S3 then deletes for free, while this method needs a HEAD per
/// listed object. The method exists for parity with the local store and for emulators.
/// </remarks>
public sealed class S3PayloadStore : IPayloadStore
{
    /// <summary>User metadata holding the payload's expiry (ISO-8601 UTC); read by <see cref="DeleteExpiredAsync"/>.</summary>
    public const string ExpiresAtMetadataKey = "x-amz-meta-expires-at";

    /// <summary>The longest lifetime a SigV4 pre-signed URL may have.</summary>
    public static readonly TimeSpan MaxUrlLifetime = TimeSpan.FromDays(7);

    private const string BackendName = "s3";
    private const int MaxParallelMetadataReads = 8;
    private const int MaxPayloadKeyLength = 512;

    private readonly IAmazonS3 _s3;
    private readonly S3PayloadStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<S3PayloadStore> _logger;

    public S3PayloadStore(IAmazonS3 s3, S3PayloadStoreOptions options, TimeProvider timeProvider, ILogger<S3PayloadStore> logger)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _s3 = s3;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task StoreAsync(string payloadKey, ReadOnlyMemory<byte> payload, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(payloadKey);
        // PutObject replaces the object whole, so storing the same key again is harmless.
        var request = new PutObjectRequest
        {
            BucketName = _options.BucketName,
            Key = objectKey,
            InputStream = ReadOnlyStream(payload),
            AutoCloseStream = true,
            ContentType = "application/json",
            UseChunkEncoding = _options.UseChunkEncoding,
        };
        request.Metadata.Add(ExpiresAtMetadataKey, FormatExpiry(expiresAt));
        request.Headers.Expires = expiresAt.UtcDateTime;
        // The URL is a bearer credential for a certificate: no shared cache may keep the body.
        request.Headers.CacheControl = "no-store";
        switch (_options.ServerSideEncryption)
        {
            case S3ServerSideEncryption.Aes256:
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256;
                break;
            case S3ServerSideEncryption.AwsKms:
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
                break;
        }

        await CallAsync("PutObject", () => _s3.PutObjectAsync(request, cancellationToken));
        S3PayloadStoreLog.Stored(_logger, objectKey, payload.Length, _options.BucketName, expiresAt);
    }

    public async ValueTask<PresignedPayloadUrl> CreateUrlAsync(string payloadKey, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(payloadKey);
        var lifetime = expiresAt - _timeProvider.GetUtcNow();
        if (lifetime <= TimeSpan.Zero || lifetime > MaxUrlLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt,
                $"A pre-signed S3 URL must expire in the future and within {MaxUrlLifetime.TotalDays} days.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _options.BucketName,
            Key = objectKey,
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
            Protocol = _options.ServiceUrl?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        };
        // Signing is local, but resolving credentials (instance metadata, SSO) can hit the network.
        var signed = await CallAsync("GetPreSignedURL", () => _s3.GetPreSignedURLAsync(request));
        var url = new Uri(signed, UriKind.Absolute);
        return new PresignedPayloadUrl(url, PresignedUrlExpiry.TryRead(url, out var enforced) ? enforced : expiresAt);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var listed = 0;
        var deleted = 0;
        string? continuationToken = null;
        do
        {
            var page = await CallAsync("ListObjectsV2", () => _s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _options.BucketName,
                Prefix = _options.KeyPrefix,
                MaxKeys = _options.ListPageSize,
                ContinuationToken = continuationToken,
            }, cancellationToken));
            var objects = page.S3Objects ?? [];
            listed += objects.Count;

            // Deleting the keys of this page does not disturb the continuation token, which points past them.
            var expired = await FindExpiredAsync(objects.Select(o => o.Key), now, cancellationToken);
            deleted += await DeleteAsync(expired, cancellationToken);
            continuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(continuationToken));

        S3PayloadStoreLog.DeletedExpired(_logger, deleted, listed, _options.KeyPrefix, _options.BucketName);
        return deleted;
    }

    private async Task<List<string>> FindExpiredAsync(IEnumerable<string> objectKeys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = new ConcurrentBag<string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelMetadataReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(objectKeys, parallel, async (objectKey, token) =>
        {
            var expiresAt = await ReadExpiryAsync(objectKey, token);
            if (expiresAt is { } expiry && expiry < now)
            {
                expired.Add(objectKey);
            }
        });
        return [.. expired];
    }

    /// <summary>The recorded expiry, or null for objects that are gone or were not written by this store.</summary>
    private async Task<DateTimeOffset?> ReadExpiryAsync(string objectKey, CancellationToken cancellationToken)
    {
        GetObjectMetadataResponse metadata;
        try
        {
            metadata = await CallAsync("HeadObject", () => _s3.GetObjectMetadataAsync(_options.BucketName, objectKey, cancellationToken));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return metadata.Metadata[ExpiresAtMetadataKey] is { } recorded
            && DateTimeOffset.TryParse(recorded, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresAt)
            ? expiresAt
            : null;
    }

    private async Task<int> DeleteAsync(List<string> objectKeys, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in objectKeys.Chunk(S3PayloadStoreOptions.MaxKeysPerRequest))
        {
            var response = await CallAsync("DeleteObjects", () => _s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = _options.BucketName,
                Objects = [.. batch.Select(key => new KeyVersion { Key = key })],
                Quiet = true,
            }, cancellationToken));
            var errors = response.DeleteErrors ?? [];
            foreach (var error in errors)
            {
                S3PayloadStoreLog.DeleteFailed(_logger, error.Key, error.Code, error.Message);
            }

            deleted += batch.Length - errors.Count;
        }

        return deleted;
    }

    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException e) when (S3Failures.IsUnavailable(e))
        {
            S3PayloadStoreLog.Unavailable(_logger, operation, _options.BucketName, (int)e.StatusCode, e.ErrorCode, _options.UnavailableRetryAfter);
            throw new BackendUnavailableException(BackendName, _options.UnavailableRetryAfter,
                $"S3 {operation} on bucket '{_options.BucketName}' failed with {(int)e.StatusCode} {e.ErrorCode}; retry later.", e);
        }
    }

    private string ObjectKey(string payloadKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(payloadKey);
        if (payloadKey.Length > MaxPayloadKeyLength
            || payloadKey.StartsWith('/')
            || payloadKey.Contains("..", StringComparison.Ordinal)
            || payloadKey.Any(char.IsControl))
        {
            throw new ArgumentException("A payload key must be at most 512 characters without control characters, a leading '/' or '..'.", nameof(payloadKey));
        }

        return _options.KeyPrefix + payloadKey;
    }

    private static string FormatExpiry(DateTimeOffset expiresAt) =>
        expiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static MemoryStream ReadOnlyStream(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(payload.ToArray(), writable: false);
}
