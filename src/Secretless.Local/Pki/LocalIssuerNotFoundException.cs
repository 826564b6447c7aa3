namespace Secretless.Local.Pki;

/// <summary>No issuing CA with this id in <c>pki.json</c>.</summary>
public sealed class LocalIssuerNotFoundException : KeyNotFoundException
{
    public LocalIssuerNotFoundException()
    {
    }

    public LocalIssuerNotFoundException(string message)
        : base(message)
    {
    }

    public LocalIssuerNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
