namespace Secretless.Core.Delivery;

/// <summary>How and when certificates are delivered through a pre-signed URL (DESIGN.md §3, the 202 row).</summary>
public sealed class LatentDeliveryOptions
{
    public LatentDeliveryMode Mode { get; set; } = LatentDeliveryMode.OnRequest;

    /// <summary>Issuance slower than this is answered 202 at once and finishes in the background.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pre-signed URL (and the stored payload) stays valid.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What a device polling a payload that is not ready yet is told to wait.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"SL1201: LatentDeliveryOptions.Mode must be Never, OnRequest or Always but is {(int)Mode}.", nameof(Mode));
        }

        if (Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentException("SL1202: LatentDeliveryOptions.Deadline must be positive.", nameof(Deadline));
        }

        if (UrlLifetime < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("SL1203: LatentDeliveryOptions.UrlLifetime must be at least one second.", nameof(UrlLifetime));
        }

        if (RetryAfter < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("SL1204: LatentDeliveryOptions.RetryAfter must be at least one second (Retry-After counts whole seconds).", nameof(RetryAfter));
        }
    }
}
