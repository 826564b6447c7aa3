namespace Secretless.Aws.AcmPca;

/// <summary>The CA to revoke is the configured issuer: every new certificate would chain to a revoked CA. Rotate first.</summary>
public sealed class AcmPcaActiveIssuerRevocationException : Exception
{
    public AcmPcaActiveIssuerRevocationException()
    {
    }

    public AcmPcaActiveIssuerRevocationException(string message)
        : base(message)
    {
    }

    public AcmPcaActiveIssuerRevocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
