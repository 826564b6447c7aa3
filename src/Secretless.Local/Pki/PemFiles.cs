using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Secretless.Local.FileSystem;

namespace Secretless.Local.Pki;

/// <summary>Reads and writes the PKI's PEM files (keys as PKCS#8, 0600 from creation).</summary>
internal static class PemFiles
{
    public static string CertificatePem(params X509Certificate2[] certificates)
    {
        var text = new StringBuilder();
        foreach (var certificate in certificates)
        {
            text.Append(PemEncoding.WriteString("CERTIFICATE", certificate.RawData)).Append('\n');
        }

        return text.ToString();
    }

    public static void WriteCertificates(string path, params X509Certificate2[] certificates)
        => PrivateFiles.WriteAtomically(path, CertificatePem(certificates), secret: false);

    public static void WritePrivateKey(string path, ECDsa key)
    {
        // Arrays rather than strings so the key material can be wiped once it is on disk.
        var der = key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write("PRIVATE KEY", der);
        var bytes = new byte[pem.Length + 1];
        try
        {
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            PrivateFiles.WriteAtomically(path, bytes, secret: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pem.AsSpan()));
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Loads the first certificate of a PEM file.</summary>
    public static X509Certificate2 ReadCertificate(string path)
        => X509Certificate2.CreateFromPem(File.ReadAllText(path));

    public static ECDsa ReadPrivateKey(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
