namespace Secretless.Local.Pki;

/// <summary>
/// <c>pki/pki.json</c>: which files hold the root and the issuing CAs, and which issuing CA signs.
/// Listing issuers with ids and statuses lets a later version add or rotate intermediates
/// without moving files.
/// </summary>
internal sealed class PkiManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public string RootCertificateFile { get; set; } = "root.crt";

    public string RootKeyFile { get; set; } = "root.key";

    public string ActiveIssuerId { get; set; } = "";

    public List<PkiIssuerEntry> Issuers { get; set; } = [];
}
