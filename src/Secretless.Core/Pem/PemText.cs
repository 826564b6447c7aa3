using System.Security.Cryptography;
using System.Text;

namespace Secretless.Core.Pem;

/// <summary>PEM text for certificates, as devices and openssl expect it (LF line ends, trailing newline).</summary>
public static class PemText
{
    public static string Certificate(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        return new string(PemEncoding.Write("CERTIFICATE", der)) + "\n";
    }

    public static string Certificates(IEnumerable<byte[]> ders)
    {
        ArgumentNullException.ThrowIfNull(ders);
        var builder = new StringBuilder();
        foreach (var der in ders)
        {
            builder.Append(Certificate(der));
        }

        return builder.ToString();
    }
}
