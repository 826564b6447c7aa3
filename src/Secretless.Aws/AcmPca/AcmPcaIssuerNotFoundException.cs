namespace Secretless.Aws.AcmPca;

/// <summary>ACM PCA has no CA with that ARN, or AWS IoT has no CA certificate for it.</summary>
public sealed class AcmPcaIssuerNotFoundException : Exception
{
    public AcmPcaIssuerNotFoundException()
    {
    }

    public AcmPcaIssuerNotFoundException(string message)
        : base(message)
    {
    }

    public AcmPcaIssuerNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
