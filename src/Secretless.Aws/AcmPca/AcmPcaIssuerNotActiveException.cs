namespace Secretless.Aws.AcmPca;

/// <summary>The CA to rotate to is not ACTIVE in ACM PCA (e.g. PENDING_CERTIFICATE or DISABLED), so it cannot issue.</summary>
public sealed class AcmPcaIssuerNotActiveException : Exception
{
    public AcmPcaIssuerNotActiveException()
    {
    }

    public AcmPcaIssuerNotActiveException(string message)
        : base(message)
    {
    }

    public AcmPcaIssuerNotActiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
