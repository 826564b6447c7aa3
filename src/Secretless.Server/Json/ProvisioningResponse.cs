namespace Secretless.Server.Json;

/// <summary>
/// The 200 body of <c>POST /new</c>: the reference sample's <c>certificate</c> and <c>endpoint</c>
/// plus <c>certificateChain</c>, <c>certificateId</c> and <c>notAfter</c> (ISO-8601 UTC).
/// </summary>
internal sealed record ProvisioningResponse(
    string Certificate,
    string CertificateChain,
    string Endpoint,
    string CertificateId,
    string NotAfter);
