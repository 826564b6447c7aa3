using System.Globalization;

namespace Secretless.Local.Pki;

/// <summary>The file names inside <c>&lt;data&gt;/pki</c>.</summary>
internal static class LocalPkiFileNames
{
    public const string Manifest = "pki.json";
    public const string RootCertificate = "root.crt";
    public const string RootKey = "root.key";
    public const string RootCrl = "root.crl";
    public const string FirstIssuerCertificate = "intermediate.crt";
    public const string FirstIssuerKey = "intermediate.key";
    public const string ChainPem = "ca-chain.pem";
    public const string ServerCertificate = "server.crt";
    public const string ServerKey = "server.key";
    public const string Lock = ".lock";

    /// <summary>Issuers made by rotation: <c>intermediate-&lt;ordinal&gt;.crt</c>.</summary>
    public static string IssuerCertificate(int ordinal) => string.Create(CultureInfo.InvariantCulture, $"intermediate-{ordinal}.crt");

    public static string IssuerKey(int ordinal) => string.Create(CultureInfo.InvariantCulture, $"intermediate-{ordinal}.key");
}
