namespace Secretless.Device;

/// <summary>
/// The service answered 200 but the certificate is not acceptable: it does not chain to the
/// CA, is not for this device's key, or names another device. Nothing is written.
/// </summary>
public sealed class CertificateVerificationException : ProvisioningException
{
    public CertificateVerificationException()
    {
    }

    public CertificateVerificationException(string message)
        : base(message)
    {
    }

    public CertificateVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
