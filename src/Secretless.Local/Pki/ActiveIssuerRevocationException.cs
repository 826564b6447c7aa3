namespace Secretless.Local.Pki;

/// <summary>
/// Revoking the active issuing CA would leave the server nothing to sign with: rotate first
/// (<c>secretless ca rotate</c>), then revoke the retired one.
/// </summary>
public sealed class ActiveIssuerRevocationException : InvalidOperationException
{
    public ActiveIssuerRevocationException()
    {
    }

    public ActiveIssuerRevocationException(string message)
        : base(message)
    {
    }

    public ActiveIssuerRevocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
