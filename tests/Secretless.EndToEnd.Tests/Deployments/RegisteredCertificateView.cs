namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>A certificate as the stack's registry holds it: status (ACTIVE, INACTIVE, REVOKED) and attached policies.</summary>
public sealed record RegisteredCertificateView(string CertificateId, string Status, IReadOnlyList<string> PolicyNames);
