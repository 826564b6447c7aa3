namespace Secretless.Device.Runtime;

/// <summary>Why a running device asked for a certificate (the <c>reason</c> of a <c>provisioned</c> event).</summary>
public static class ProvisioningReasons
{
    /// <summary>No usable certificate was stored (first boot, another key, or no endpoint known for it).</summary>
    public const string NoCertificate = "no-certificate";

    /// <summary>The configured fraction of the certificate's lifetime has passed.</summary>
    public const string RenewalDue = "renewal-due";

    /// <summary>The stored certificate had expired.</summary>
    public const string Expired = "expired";

    /// <summary>CONNECT was refused (revoked, inactive, or still unknown after the replication wait).</summary>
    public const string AuthRefused = "auth-refused";

    /// <summary>The endpoint refused the client certificate in the TLS handshake (e.g. its issuing CA was revoked).</summary>
    public const string TlsRefused = "tls-refused";
}
