using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;

namespace Secretless.Local.Pki;

/// <summary>
/// The fast path of <see cref="DeviceCertificateBuilder"/>: an uncompressed P-256 device key signed
/// by a P-256 issuing CA with ECDSA-SHA256, written straight to DER with <see cref="AsnWriter"/>.
/// <see cref="CertificateRequest"/> re-parses the key, re-encodes every extension, signs through a
/// generator and loads the result back into an <see cref="X509Certificate2"/>; here everything that
/// does not depend on the device (issuer name, algorithm identifiers, fixed extensions, AKI) is
/// encoded once per issuing CA. The TBSCertificate is byte-for-byte what CertificateRequest writes
/// for the same profile (a test compares the two), so only the randomized ECDSA signature differs.
/// </summary>
internal sealed class P256DeviceCertificateWriter
{
    /// <summary>CertificateProfileFactory's 16-byte serials make TBS ~420 bytes; the writer never has to grow.</summary>
    private const int InitialCapacity = 1024;

    /// <summary>SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING { 0 unused bits, 0x04 (uncompressed) … } }.</summary>
    private static ReadOnlySpan<byte> P256SpkiPrefix =>
    [
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A,
        0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
    ];

    /// <summary>The prefix plus X and Y (32 bytes each).</summary>
    private const int P256SpkiLength = 91;

    /// <summary>Where the subjectPublicKey bits start (after the BIT STRING's unused-bits byte): the 0x04.</summary>
    private const int P256PointOffset = 26;

    /// <summary>The parameters of an id-ecPublicKey SPKI naming prime256v1 (OID 1.2.840.10045.3.1.7).</summary>
    private static ReadOnlySpan<byte> P256CurveParameters => [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    /// <summary>AlgorithmIdentifier ecdsa-with-SHA256 without parameters (RFC 5758), as X509SignatureGenerator writes it.</summary>
    private static ReadOnlySpan<byte> EcdsaWithSha256 => [0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02];

    /// <summary>OBJECT IDENTIFIER 2.5.4.3 (id-at-commonName).</summary>
    private static ReadOnlySpan<byte> CommonNameOid => [0x06, 0x03, 0x55, 0x04, 0x03];

    /// <summary>OBJECT IDENTIFIER 2.5.29.14 (id-ce-subjectKeyIdentifier).</summary>
    private static ReadOnlySpan<byte> SubjectKeyIdentifierOid => [0x06, 0x03, 0x55, 0x1D, 0x0E];

    private static readonly Asn1Tag VersionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 3, isConstructed: true);

    private readonly byte[] _issuerName;
    private readonly byte[][] _leadingExtensions;
    private readonly byte[] _authorityKeyIdentifierExtension;
    private readonly ECDsa _signingKey;
    private readonly int _maxSignatureSize;

    private P256DeviceCertificateWriter(byte[] issuerName, byte[][] leadingExtensions, byte[] authorityKeyIdentifierExtension, ECDsa signingKey)
    {
        _issuerName = issuerName;
        _leadingExtensions = leadingExtensions;
        _authorityKeyIdentifierExtension = authorityKeyIdentifierExtension;
        _signingKey = signingKey;
        _maxSignatureSize = signingKey.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>
    /// A writer for an issuing CA whose certificate carries a P-256 key (the key is checked against
    /// the certificate by whoever loads them); null for any other CA, which then always takes the
    /// general path.
    /// </summary>
    public static P256DeviceCertificateWriter? ForIssuer(
        X509Certificate2 issuerCertificate,
        ECDsa signingKey,
        X509SubjectKeyIdentifierExtension issuerKeyIdentifier)
    {
        ArgumentNullException.ThrowIfNull(issuerCertificate);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(issuerKeyIdentifier);
        var issuerKey = issuerCertificate.PublicKey;
        if (issuerKey.Oid.Value != "1.2.840.10045.2.1"
            || issuerKey.EncodedParameters?.RawData is not { } parameters
            || !parameters.AsSpan().SequenceEqual(P256CurveParameters)
            || signingKey.KeySize != 256)
        {
            return null;
        }

        return new P256DeviceCertificateWriter(
            issuerCertificate.SubjectName.RawData,
            [.. DeviceCertificateBuilder.CreateLeadingExtensions().Select(EncodeExtension)],
            EncodeExtension(DeviceCertificateBuilder.AuthorityKeyIdentifier(issuerKeyIdentifier)),
            signingKey);
    }

    /// <summary>
    /// Writes and signs the certificate when the profile's key is an uncompressed P-256 SPKI in its
    /// canonical DER; false (nothing written) for any other key, which the caller issues the general way.
    /// The profile must already be validated (dates, serial, issuer lifetime).
    /// </summary>
    public bool TryWrite(CertificateProfile profile, [NotNullWhen(true)] out DeviceCertificate? certificate)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var spki = profile.SubjectPublicKey;
        if (spki.Length != P256SpkiLength || !spki.AsSpan().StartsWith(P256SpkiPrefix))
        {
            certificate = null;
            return false;
        }

        // Same rule as X500DistinguishedNameBuilder.AddCommonName, which the general path uses.
        ArgumentException.ThrowIfNullOrEmpty(profile.DeviceId);

        var serialNumber = SerialNumberContents(profile.SerialNumber);
        var writer = new AsnWriter(AsnEncodingRules.DER, InitialCapacity);
        WriteTbsCertificate(writer, profile, serialNumber, spki);

        Span<byte> tbs = stackalloc byte[InitialCapacity];
        if (!writer.TryEncode(tbs, out var tbsLength))
        {
            tbs = writer.Encode();
            tbsLength = tbs.Length;
        }

        tbs = tbs[..tbsLength];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(tbs, hash);
        Span<byte> signature = stackalloc byte[_maxSignatureSize];
        if (!_signingKey.TrySignHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence, out var signatureLength))
        {
            throw new CryptographicException("The issuing CA's ECDSA signature did not fit its maximum size.");
        }

        writer.Reset();
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(tbs);
            writer.WriteEncodedValue(EcdsaWithSha256);
            writer.WriteBitString(signature[..signatureLength]);
        }

        certificate = new DeviceCertificate(writer.Encode(), serialNumber, WholeSecondsUtc(profile.NotAfter));
        return true;
    }

    private void WriteTbsCertificate(AsnWriter writer, CertificateProfile profile, byte[] serialNumber, byte[] spki)
    {
        using (writer.PushSequence())
        {
            using (writer.PushSequence(VersionTag))
            {
                writer.WriteInteger(2); // v3
            }

            writer.WriteInteger(serialNumber);
            writer.WriteEncodedValue(EcdsaWithSha256);
            writer.WriteEncodedValue(_issuerName);
            using (writer.PushSequence())
            {
                WriteTime(writer, profile.NotBefore);
                WriteTime(writer, profile.NotAfter);
            }

            // Subject: one RDN, CN = device id as a UTF8String (what AddCommonName writes).
            using (writer.PushSequence())
            using (writer.PushSetOf())
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(CommonNameOid);
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, profile.DeviceId);
            }

            writer.WriteEncodedValue(spki);
            using (writer.PushSequence(ExtensionsTag))
            using (writer.PushSequence())
            {
                foreach (var extension in _leadingExtensions)
                {
                    writer.WriteEncodedValue(extension);
                }

                WriteSubjectKeyIdentifier(writer, spki.AsSpan(P256PointOffset));
                writer.WriteEncodedValue(_authorityKeyIdentifierExtension);
            }
        }
    }

    /// <summary>
    /// SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1), as
    /// X509SubjectKeyIdentifierExtension(PublicKey, false) computes it; non-critical.
    /// </summary>
    private static void WriteSubjectKeyIdentifier(AsnWriter writer, ReadOnlySpan<byte> publicKeyBits)
    {
        Span<byte> keyIdentifier = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // An identifier, not a security function: RFC 5280 4.2.1.2 and .NET's default SKI use SHA-1.
        SHA1.HashData(publicKeyBits, keyIdentifier);
#pragma warning restore CA5350
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(SubjectKeyIdentifierOid);
            using (writer.PushOctetString())
            {
                writer.WriteOctetString(keyIdentifier);
            }
        }
    }

    /// <summary>RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime (no fractions) from 2050 on.</summary>
    private static void WriteTime(AsnWriter writer, DateTimeOffset value)
    {
        if (value.UtcDateTime.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(value);
        }
        else
        {
            writer.WriteGeneralizedTime(value, omitFractionalSeconds: true);
        }
    }

    /// <summary>
    /// The serial as a positive, minimal DER INTEGER, normalized the way CertificateRequest.Create
    /// does: a 0x00 is prepended when the top bit is set, redundant leading zeros are dropped.
    /// </summary>
    private static byte[] SerialNumberContents(byte[] serialNumber)
    {
        if (serialNumber[0] >= 0x80)
        {
            var widened = new byte[serialNumber.Length + 1];
            serialNumber.CopyTo(widened, 1);
            return widened;
        }

        var leadingZeros = 0;
        while (leadingZeros < serialNumber.Length - 1 && serialNumber[leadingZeros] == 0 && serialNumber[leadingZeros + 1] < 0x80)
        {
            leadingZeros++;
        }

        return serialNumber[leadingZeros..];
    }

    private static DateTimeOffset WholeSecondsUtc(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }.</summary>
    private static byte[] EncodeExtension(X509Extension extension)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(extension.Oid!.Value!);
            if (extension.Critical)
            {
                writer.WriteBoolean(true);
            }

            writer.WriteOctetString(extension.RawData);
        }

        return writer.Encode();
    }
}
