using System.Security.Cryptography;

namespace Secretless.Core.Pem;

/// <summary>PEM text for certificates, as devices and openssl expect it (LF line ends, trailing newline).</summary>
public static class PemText
{
    private const string CertificateLabel = "CERTIFICATE";

    // Every answer carries the issuer chain, and it is the same chain for weeks: encoding it again
    // for each provisioning was a third of the bytes the server allocated per request. The last
    // chain is kept with its DER, so a rotated chain (or a replay of an older one) is encoded anew.
    private static EncodedChain? s_lastChain;

    public static string Certificate(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        var length = PemEncoding.GetEncodedSize(CertificateLabel.Length, der.Length) + 1;
        return string.Create(length, der, static (text, data) =>
        {
            if (!PemEncoding.TryWrite(CertificateLabel, data, text[..^1], out _))
            {
                throw new InvalidOperationException("PEM encoding did not fit its computed size.");
            }

            text[^1] = '\n';
        });
    }

    public static string Certificates(IReadOnlyList<byte[]> ders)
    {
        ArgumentNullException.ThrowIfNull(ders);
        var last = Volatile.Read(ref s_lastChain);
        if (last is not null && last.Matches(ders))
        {
            return last.Pem;
        }

        var pem = string.Concat(ders.Select(Certificate));
        Volatile.Write(ref s_lastChain, new EncodedChain([.. ders.Select(der => (byte[])der.Clone())], pem));
        return pem;
    }

    private sealed record EncodedChain(byte[][] Ders, string Pem)
    {
        public bool Matches(IReadOnlyList<byte[]> ders)
        {
            if (ders.Count != Ders.Length)
            {
                return false;
            }

            for (var i = 0; i < Ders.Length; i++)
            {
                if (!ders[i].AsSpan().SequenceEqual(Ders[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
