using System.Security.Cryptography;
using System.Text.Json;
using Secretless.Core.Registry;
using Secretless.Local.Registry;

namespace Secretless.Cli.Output;

/// <summary>Maps registry records to what the CLI prints; statuses in lowercase, as everywhere in the CLI.</summary>
internal static class RegistryReports
{
    public static string StatusName(CertificateStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>
    /// The thing with every certificate it ever had (the history rotation leaves: REVOKED ones stay),
    /// in registration order when <paramref name="history"/> (the registry's registration times) is given.
    /// </summary>
    public static ThingReport Thing(RegisteredThing thing, IReadOnlyList<ThingCertificate>? history = null)
    {
        var registered = history?.Select((c, index) => (c.CertificateId, c.RegisteredAt, index))
            .ToDictionary(c => c.CertificateId, c => (c.RegisteredAt, c.index), StringComparer.Ordinal);
        var certificates = thing.Principals
            .Select(p => new DeviceCertificateReport(
                p.CertificateId,
                StatusName(p.Status),
                p.AttachedAt,
                registered?.TryGetValue(p.CertificateId, out var at) == true ? at.RegisteredAt : null))
            .OrderBy(c => registered?.TryGetValue(c.CertificateId, out var at) == true ? at.index : int.MaxValue)
            .ToList();
        return new ThingReport(thing.Name, thing.CreatedAt, certificates);
    }

    public static CertificateSummaryReport CertificateSummary(CertificateSummary certificate) => new(
        certificate.CertificateId,
        StatusName(certificate.Status),
        certificate.Subject,
        certificate.SerialNumberHex,
        certificate.NotAfter,
        certificate.CreatedAt,
        certificate.UpdatedAt);

    public static CertificateReport Certificate(RegisteredCertificate certificate) => new(
        certificate.CertificateId,
        StatusName(certificate.Status),
        certificate.Subject,
        certificate.Issuer,
        certificate.SerialNumberHex,
        certificate.NotAfter,
        certificate.CreatedAt,
        certificate.UpdatedAt,
        certificate.ThingNames,
        certificate.PolicyNames,
        PemEncoding.WriteString("CERTIFICATE", certificate.CertificateDer) + "\n");

    public static PolicyReport Policy(RegisteredPolicy policy, string? outcome)
    {
        using var document = JsonDocument.Parse(policy.Document);
        return new PolicyReport(policy.Name, policy.Version, policy.CreatedAt, policy.UpdatedAt, document.RootElement.Clone(), outcome);
    }
}
