namespace Secretless.Server.Json;

/// <summary>The 202 body of <c>POST /new</c>: where to fetch the certificate (absolute URL) and until when (ISO-8601 UTC).</summary>
internal sealed record LatentDeliveryResponse(string CertificateUrl, string ExpiresAt);
