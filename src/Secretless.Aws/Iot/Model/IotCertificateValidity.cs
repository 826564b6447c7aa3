namespace Secretless.Aws.Iot;

/// <summary>AWS IoT's <c>CertificateValidity</c> structure.</summary>
public sealed record IotCertificateValidity
{
    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }
}
