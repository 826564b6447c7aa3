namespace Secretless.Aws.Iot;

/// <summary>DescribeCertificate output.</summary>
public sealed record DescribeCertificateResponse
{
    public IotCertificateDescription? CertificateDescription { get; init; }
}
