namespace Secretless.Core.Registry;

/// <summary>Certificate status as AWS IoT Core names it.</summary>
public enum CertificateStatus
{
    Active = 0,
    Inactive = 1,
    Revoked = 2,
}
