using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Secretless.Core.Errors;

namespace Secretless.Core.Csr;

/// <summary>
/// Decodes the <c>device-csr</c> header: standard base64 of either the CSR's PEM text (what
/// <c>base64 -w0 device.csr</c> produces) or its DER. Runs on every request, so the header is
/// decoded into a stack (or pooled) buffer and the PEM is read as bytes: the only allocation is
/// the DER itself.
/// </summary>
internal static class CsrHeaderDecoder
{
    // Kestrel caps request headers at 32 KB; anything longer here did not come through HTTP and
    // is far beyond an RSA-16384 CSR.
    public const int MaximumHeaderLength = 64 * 1024;

    // A P-256 CSR as PEM decodes to ~550 bytes, RSA-4096 to ~1.7 KB; larger ones rent a buffer.
    private const int StackBufferSize = 2048;

    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    // Printable ASCII plus the line breaks and tabs PEM text may carry.
    private static readonly SearchValues<byte> PemTextBytes = SearchValues.Create(
        [(byte)'\t', (byte)'\n', (byte)'\r', .. Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b)]);

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

        var maximumDecoded = text.Length / 4 * 3;
        byte[]? rented = null;
        Span<byte> buffer = maximumDecoded <= StackBufferSize
            ? stackalloc byte[StackBufferSize]
            : (rented = ArrayPool<byte>.Shared.Rent(maximumDecoded));
        try
        {
            return TryDecodeBytes(text, buffer, out der, out error);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TryDecodeBytes(ReadOnlySpan<char> text, Span<byte> buffer, out byte[]? der, out ProvisioningError? error)
    {
        der = null;
        if (!Convert.TryFromBase64Chars(text, buffer, out var written))
        {
            error = ProvisioningErrors.CsrNotBase64();
            return false;
        }

        var bytes = buffer[..written];
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

        if (bytes.IndexOf("-----BEGIN "u8) < 0 || bytes.IndexOfAnyExcept(PemTextBytes) >= 0)
        {
            error = ProvisioningErrors.CsrMalformed("The device-csr header decodes to neither a PEM CSR nor DER.");
            return false;
        }

        return TryDecodePem(bytes, out der, out error);
    }

    private static bool TryDecodePem(ReadOnlySpan<byte> pem, out byte[]? der, out ProvisioningError? error)
    {
        der = null;
        if (!PemEncoding.TryFindUtf8(pem, out var fields))
        {
            error = ProvisioningErrors.CsrMalformed("The PEM text in the device-csr header has no complete BEGIN/END block.");
            return false;
        }

        var label = pem[fields.Label];
        if (!label.SequenceEqual("CERTIFICATE REQUEST"u8) && !label.SequenceEqual("NEW CERTIFICATE REQUEST"u8))
        {
            error = ProvisioningErrors.CsrPemLabelInvalid(Encoding.ASCII.GetString(label));
            return false;
        }

        // TryFindUtf8 has validated the base64 body, so DecodedDataLength is exact.
        var body = new byte[fields.DecodedDataLength];
        var status = Base64.DecodeFromUtf8(pem[fields.Base64Data], body, out _, out var written);
        if (status != OperationStatus.Done || written != body.Length || written == 0)
        {
            error = ProvisioningErrors.CsrMalformed("The PEM body in the device-csr header is not base64.");
            return false;
        }

        der = body;
        error = null;
        return true;
    }

    private static bool IsStrictBase64(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 != 0)
        {
            return false;
        }

        // '=' only as trailing padding (at most two); a '=' inside is outside the alphabet below.
        var data = text.TrimEnd('=');
        return text.Length - data.Length <= 2 && data.IndexOfAnyExcept(Base64Alphabet) < 0;
    }
}
