namespace Secretless.Local.Pki;

/// <summary>The file names inside <c>&lt;data&gt;/pki</c>.</summary>
internal static class LocalPkiFileNames
{
    public const string Manifest = "pki.json";
    public const string RootCertificate = "root.crt";
    public const string RootKey = "root.key";
    public const string FirstIssuerCertificate = "intermediate.crt";
    public const string FirstIssuerKey = "intermediate.key";
    public const string ChainPem = "ca-chain.pem";
    public const string ServerCertificate = "server.crt";
    public const string ServerKey = "server.key";
}
