using System.Formats.Asn1;
using System.Text;
using Secretless.Core.Csr;

namespace Secretless.Core.Tests.Csr;

/// <summary>Shared assertions and CSR surgery for the inspector tests.</summary>
internal static class CsrTestHelpers
{
    public static void AssertRefused(CsrInspection inspection, int status, string code)
    {
        Assert.False(inspection.Succeeded);
        Assert.Equal(code, inspection.Error.Code);
        Assert.Equal(status, inspection.Error.Status);
        Assert.Contains(inspection.Error.Status, new[] { 400, 403, 404 });
        Assert.False(string.IsNullOrWhiteSpace(inspection.Error.Detail));
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static byte[] FlipLastByte(byte[] der)
    {
        // The DER ends with the signature BIT STRING's content.
        var copy = der.ToArray();
        copy[^1] ^= 0x55;
        return copy;
    }

    public static byte[] SpliceSignature(byte[] target, byte[] source)
    {
        var targetRequest = new AsnReader(target, AsnEncodingRules.DER).ReadSequence();
        var info = targetRequest.ReadEncodedValue();
        var algorithm = targetRequest.ReadEncodedValue();
        var sourceRequest = new AsnReader(source, AsnEncodingRules.DER).ReadSequence();
        sourceRequest.ReadEncodedValue();
        sourceRequest.ReadEncodedValue();
        var signature = sourceRequest.ReadBitString(out _);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(info.Span);
            writer.WriteEncodedValue(algorithm.Span);
            writer.WriteBitString(signature);
        }

        return writer.Encode();
    }
}
