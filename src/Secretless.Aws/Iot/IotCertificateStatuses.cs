using Secretless.Core.Registry;

namespace Secretless.Aws.Iot;

/// <summary>AWS IoT's certificate status names on the wire.</summary>
public static class IotCertificateStatuses
{
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";
    public const string Revoked = "REVOKED";

    public static string Of(CertificateStatus status) => status switch
    {
        CertificateStatus.Active => Active,
        CertificateStatus.Inactive => Inactive,
        CertificateStatus.Revoked => Revoked,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown certificate status."),
    };

    /// <summary>
    /// The port's status for a wire status. AWS IoT's transitional states (PENDING_TRANSFER,
    /// REGISTER_INACTIVE, PENDING_ACTIVATION) cannot connect, so they read as INACTIVE.
    /// </summary>
    public static CertificateStatus Parse(string status) => status switch
    {
        Active => CertificateStatus.Active,
        Revoked => CertificateStatus.Revoked,
        _ => CertificateStatus.Inactive,
    };
}
