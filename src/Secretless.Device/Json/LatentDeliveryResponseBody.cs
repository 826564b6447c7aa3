namespace Secretless.Device.Json;

/// <summary>The 202 body of <c>POST /new</c>: where and until when the certificate can be fetched.</summary>
internal sealed record LatentDeliveryResponseBody(
    string? CertificateUrl,
    string? ExpiresAt);
