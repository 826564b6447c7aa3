using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Secretless.Core.Errors;

namespace Secretless.Core.Csr;

/// <summary>
/// Decodes the <c>device-csr</c> header: standard base64 of either the CSR's PEM text (what
/// <c>base64 -w0 device.csr</c> produces) or its DER.
/// </summary>
internal static class CsrHeaderDecoder
{
    // Kestrel caps request headers at 32 KB; anything longer here did not come through HTTP and
    // is far beyond an RSA-16384 CSR.
    public const int MaximumHeaderLength = 64 * 1024;

    private static readonly string[] AcceptedLabels = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];

    public static bool TryDecode(
        string? header,
        [NotNullWhen(true)] out byte[]? der,
        [NotNullWhen(false)] out ProvisioningError? error)
    {
        der = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            error = ProvisioningErrors.CsrMissing();
            return false;
        }

        if (header.Length > MaximumHeaderLength)
        {
            error = ProvisioningErrors.CsrMalformed($"The device-csr header is longer than {MaximumHeaderLength} characters.");
            return false;
        }

        var text = header.AsSpan().Trim();
        if (!IsStrictBase64(text))
        {
            error = ProvisioningErrors.CsrNotBase64();
            return false;
        }

        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        if (!Convert.TryFromBase64Chars(text, decoded, out var written))
        {
            error = ProvisioningErrors.CsrNotBase64();
            return false;
        }

        var bytes = decoded.AsSpan(0, written);
        if (bytes.IsEmpty)
        {
            error = ProvisioningErrors.CsrMissing();
            return false;
        }

        if (bytes[0] == 0x30)
        {
            der = bytes.ToArray();
            error = null;
            return true;
        }

        var pemStart = bytes.IndexOf("-----BEGIN "u8);
        if (pemStart < 0 || !IsAsciiText(bytes))
        {
            error = ProvisioningErrors.CsrMalformed("The device-csr header decodes to neither a PEM CSR nor DER.");
            return false;
        }

        return TryDecodePem(Encoding.ASCII.GetString(bytes), out der, out error);
    }

    private static bool TryDecodePem(string pem, out byte[]? der, out ProvisioningError? error)
    {
        der = null;
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            error = ProvisioningErrors.CsrMalformed("The PEM text in the device-csr header has no complete BEGIN/END block.");
            return false;
        }

        var label = pem[fields.Label];
        if (Array.IndexOf(AcceptedLabels, label) < 0)
        {
            error = ProvisioningErrors.CsrPemLabelInvalid(label);
            return false;
        }

        var body = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan(fields.Base64Data), body, out var written) || written == 0)
        {
            error = ProvisioningErrors.CsrMalformed("The PEM body in the device-csr header is not base64.");
            return false;
        }

        der = body.AsSpan(0, written).ToArray();
        error = null;
        return true;
    }

    private static bool IsStrictBase64(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 != 0)
        {
            return false;
        }

        var padding = 0;
        foreach (var c in text)
        {
            if (c == '=')
            {
                padding++;
                continue;
            }

            if (padding > 0 || !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
        }

        return padding <= 2;
    }

    private static bool IsAsciiText(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b > 0x7E || (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
