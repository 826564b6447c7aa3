namespace Secretless.Core.Delivery;

/// <summary>
/// Latent delivery: keeps an issued payload (the exact 200 body of <c>/new</c>) and hands out
/// an expiring pre-signed URL a device can fetch it from, and retry, on a poor network.
/// </summary>
public interface IPayloadStore
{
    /// <summary>Stores the payload under the key; storing the same key again is harmless.</summary>
    Task StoreAsync(string payloadKey, ReadOnlyMemory<byte> payload, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// A pre-signed URL for the key, valid until <paramref name="expiresAt"/>. The payload need
    /// not be stored yet (the device polls until it is). The URL may be relative to the host
    /// that serves it (the embedded store) or absolute (S3).
    /// </summary>
    ValueTask<PresignedPayloadUrl> CreateUrlAsync(string payloadKey, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes payloads whose expiry is before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
