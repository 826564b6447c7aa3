using System.Formats.Asn1;
using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>
/// Reads a PKCS#10 CertificationRequest (RFC 2986) in DER. Only structure is checked here;
/// the decisions (CN, key, signature) are made by <see cref="CsrInspector"/>. Attributes and
/// requested extensions are skipped on purpose: the certificate's contents come from the
/// service's profile, never from the CSR.
/// </summary>
internal static class Pkcs10Parser
{
    /// <summary>Parses the request; throws <see cref="AsnContentException"/> on malformed input.</summary>
    public static ParsedCsr Parse(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var request = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        // Slices of the DER, not copies: DER BIT STRINGs are primitive, so the contents are contiguous.
        var requestInfoBytes = request.ReadEncodedValue();
        var signatureAlgorithm = request.ReadSequence();
        if (!request.TryReadPrimitiveBitString(out var unusedBits, out var signature))
        {
            throw new AsnContentException("The signature BIT STRING is not primitive.");
        }

        request.ThrowIfNotEmpty();
        if (unusedBits != 0)
        {
            throw new AsnContentException("The signature BIT STRING has unused bits.");
        }

        var algorithmOid = signatureAlgorithm.ReadObjectIdentifier();
        byte[]? algorithmParameters = null;
        if (signatureAlgorithm.HasData)
        {
            algorithmParameters = signatureAlgorithm.ReadEncodedValue().ToArray();
        }

        signatureAlgorithm.ThrowIfNotEmpty();

        var info = new AsnReader(requestInfoBytes, AsnEncodingRules.DER).ReadSequence();
        if (!info.TryReadInt32(out var version) || version != 0)
        {
            throw new AsnContentException("The CertificationRequestInfo version is not v1 (0).");
        }

        var commonNames = ReadCommonNames(info.ReadSequence());
        var spki = info.ReadEncodedValue();
        if (info.HasData)
        {
            // [0] attributes (requested extensions): checked as a TLV only, then ignored.
            if (!info.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                throw new AsnContentException("The CertificationRequestInfo attributes are not tagged [0].");
            }

            info.ReadEncodedValue();
        }

        info.ThrowIfNotEmpty();
        return new ParsedCsr(requestInfoBytes, commonNames, spki, algorithmOid, algorithmParameters, signature);
    }

    private static List<string?> ReadCommonNames(AsnReader name)
    {
        var commonNames = new List<string?>(1);
        while (name.HasData)
        {
            var relativeName = name.ReadSetOf();
            while (relativeName.HasData)
            {
                var attribute = relativeName.ReadSequence();
                var type = attribute.ReadObjectIdentifier();
                if (type == ObjectIdentifiers.CommonName)
                {
                    commonNames.Add(ReadDirectoryString(attribute));
                }
                else
                {
                    attribute.ReadEncodedValue();
                }

                attribute.ThrowIfNotEmpty();
            }
        }

        return commonNames;
    }

    private static string? ReadDirectoryString(AsnReader attribute)
    {
        var tag = attribute.PeekTag();
        if (tag.TagClass != TagClass.Universal || tag.IsConstructed)
        {
            attribute.ReadEncodedValue();
            return null;
        }

        var kind = (UniversalTagNumber)tag.TagValue;
        switch (kind)
        {
            case UniversalTagNumber.UTF8String:
            case UniversalTagNumber.PrintableString:
            case UniversalTagNumber.IA5String:
            case UniversalTagNumber.VisibleString:
            case UniversalTagNumber.BMPString:
            case UniversalTagNumber.UniversalString:
            case UniversalTagNumber.T61String:
                return attribute.ReadCharacterString(kind);
            default:
                attribute.ReadEncodedValue();
                return null;
        }
    }
}
