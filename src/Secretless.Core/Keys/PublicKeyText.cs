using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace Secretless.Core.Keys;

/// <summary>
/// Decodes a public key as admins hand it over: PEM "PUBLIC KEY" (also with literal <c>\n</c>
/// escapes, as one-line manifests carry it), base64 of such PEM (the reference sample's DynamoDB
/// <c>pubkey</c> attribute), base64 of SPKI DER, or PKCS#1 "RSA PUBLIC KEY" (wrapped into SPKI).
/// The result is SPKI DER, not yet normalized.
/// </summary>
public static class PublicKeyText
{
    private const string PemStart = "-----BEGIN ";
    private const string SpkiLabel = "PUBLIC KEY";
    private const string Pkcs1RsaLabel = "RSA PUBLIC KEY";

    public static bool TryDecode(
        string text,
        [NotNullWhen(true)] out byte[]? spkiDer,
        [NotNullWhen(false)] out string? error)
    {
        spkiDer = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The public key is empty.";
            return false;
        }

        var trimmed = text.AsSpan().Trim();
        if (trimmed.StartsWith(PemStart, StringComparison.Ordinal))
        {
            return TryDecodePem(trimmed, out spkiDer, out error);
        }

        var decoded = new byte[(trimmed.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(trimmed, decoded, out var written) || written == 0)
        {
            error = "The public key is neither PEM nor base64.";
            return false;
        }

        var bytes = decoded.AsSpan(0, written);
        if (bytes.StartsWith("-----BEGIN "u8))
        {
            return TryDecodePem(Encoding.ASCII.GetString(bytes).AsSpan().Trim(), out spkiDer, out error);
        }

        if (bytes[0] != 0x30)
        {
            error = "The base64 public key decodes to neither PEM nor DER SubjectPublicKeyInfo.";
            return false;
        }

        spkiDer = bytes.ToArray();
        error = null;
        return true;
    }

    private static bool TryDecodePem(ReadOnlySpan<char> pem, out byte[]? spkiDer, out string? error)
    {
        spkiDer = null;
        string? unescaped = null;
        if (pem.Contains("\\n", StringComparison.Ordinal))
        {
            // One-line manifests (CSV, JSON written by shell scripts) carry PEM with literal "\n".
            unescaped = pem.ToString().Replace("\\r", string.Empty, StringComparison.Ordinal)
                .Replace("\\n", "\n", StringComparison.Ordinal);
            pem = unescaped;
        }

        if (!PemEncoding.TryFind(pem, out var fields))
        {
            error = "The public key PEM is malformed (no complete BEGIN/END block).";
            return false;
        }

        var label = pem[fields.Label];
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem[fields.Base64Data], der, out var written) || written != der.Length)
        {
            error = "The public key PEM body is not base64.";
            return false;
        }

        if (label.SequenceEqual(SpkiLabel))
        {
            spkiDer = der;
            error = null;
            return true;
        }

        if (label.SequenceEqual(Pkcs1RsaLabel))
        {
            spkiDer = WrapPkcs1(der);
            error = null;
            return true;
        }

        error = $"The public key PEM is labelled '{Shorten(label)}'; expected 'PUBLIC KEY'.";
        return false;
    }

    private static byte[] WrapPkcs1(byte[] rsaPublicKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(ObjectIdentifiers.RsaEncryption);
                writer.WriteNull();
            }

            writer.WriteBitString(rsaPublicKey);
        }

        return writer.Encode();
    }

    private static string Shorten(ReadOnlySpan<char> label) =>
        label.Length <= 40 ? label.ToString() : string.Concat(label[..40], "…");
}
