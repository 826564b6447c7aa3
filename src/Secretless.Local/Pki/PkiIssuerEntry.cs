namespace Secretless.Local.Pki;

/// <summary>One issuing (intermediate) CA in <c>pki.json</c>.</summary>
internal sealed class PkiIssuerEntry
{
    public string Id { get; set; } = "";

    public string CertificateFile { get; set; } = "";

    public string KeyFile { get; set; } = "";

    /// <summary><c>active</c> (may sign) or <c>retired</c> (kept so its certificates still verify).</summary>
    public string Status { get; set; } = "active";

    public DateTimeOffset CreatedAt { get; set; }
}
