namespace Secretless.Local.Pki;

/// <summary>One issuing (intermediate) CA in <c>pki.json</c>.</summary>
internal sealed class PkiIssuerEntry
{
    public const string Active = "active";
    public const string Retired = "retired";
    public const string Revoked = "revoked";

    public string Id { get; set; } = "";

    public string CertificateFile { get; set; } = "";

    public string KeyFile { get; set; } = "";

    /// <summary>
    /// <c>active</c> (signs), <c>retired</c> (replaced by a rotation; its certificates still verify)
    /// or <c>revoked</c> (on the root CRL; nothing chaining to it is trusted any more).
    /// </summary>
    public string Status { get; set; } = Active;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the issuer was revoked; null while it is not.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The number in the issuer's DN (<c>… Issuing CA n</c>); 0 in manifests written before rotation existed (= 1).</summary>
    public int Ordinal { get; set; }

    /// <summary>The ordinal, reading the pre-rotation default 0 as the first issuer.</summary>
    public int EffectiveOrdinal => Ordinal > 0 ? Ordinal : 1;

    public bool IsRevoked => Status == Revoked;
}
