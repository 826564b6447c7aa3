namespace Secretless.Device.Json;

/// <summary>The 200 body of <c>POST /new</c>.</summary>
internal sealed record ProvisioningResponseBody(
    string? Certificate,
    string? CertificateChain,
    string? Endpoint,
    string? CertificateId,
    string? NotAfter);
