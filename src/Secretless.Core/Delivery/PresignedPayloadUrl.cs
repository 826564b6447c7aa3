namespace Secretless.Core.Delivery;

/// <summary>Where a device fetches its payload, and until when that URL works.</summary>
public sealed record PresignedPayloadUrl(Uri Url, DateTimeOffset ExpiresAt);
