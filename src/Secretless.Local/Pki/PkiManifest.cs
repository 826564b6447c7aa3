namespace Secretless.Local.Pki;

/// <summary>
/// <c>pki/pki.json</c>: which files hold the root and the issuing CAs, and which issuing CA signs.
/// Listing issuers with ids and statuses lets rotation add intermediates without moving files;
/// fields added later are optional, so the format stays 1.
/// </summary>
internal sealed class PkiManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public string RootCertificateFile { get; set; } = "root.crt";

    public string RootKeyFile { get; set; } = "root.key";

    public string ActiveIssuerId { get; set; } = "";

    /// <summary>The number of the root CRL last written to <c>root.crl</c> (0: none yet).</summary>
    public long RootCrlNumber { get; set; }

    public List<PkiIssuerEntry> Issuers { get; set; } = [];
}
