namespace Secretless.Aws.AcmPca;

/// <summary>The commonly set members of ACM PCA's <c>ASN1Subject</c>.</summary>
public sealed record CertificateAuthoritySubject(
    string? CommonName,
    string? Country,
    string? Organization,
    string? OrganizationalUnit,
    string? State,
    string? Locality);
