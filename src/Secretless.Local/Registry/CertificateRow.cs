using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Local.Storage;

namespace Secretless.Local.Registry;

/// <summary>
/// The <c>certificates</c> columns of a certificate to register, read from its DER before the
/// write so the writer thread only binds values.
/// </summary>
/// <remarks>
/// Subject and issuer are .NET's <see cref="X500DistinguishedName.Name"/> strings: <c>ca revoke</c>
/// and the CRLs select by the stored issuer, so they must stay exactly that text. They are read
/// with <see cref="AsnReader"/> and formatted by <see cref="X500DistinguishedName"/> (what
/// <see cref="X509Certificate2.Subject"/> does) because loading an <see cref="X509Certificate2"/>
/// costs far more than the rest of a registration (measured here: ~10 µs against several hundred).
/// A certificate the reader does not understand goes through the loader as before.
/// </remarks>
internal sealed record CertificateRow(
    string CertificateId,
    byte[] CertificateDer,
    string Subject,
    string Issuer,
    string Serial,
    long NotAfter,
    long Now)
{
    // Every device certificate of one CA has the same issuer: format it once.
    private static Tuple<byte[], string>? s_lastIssuer;

    public static CertificateRow From(byte[] certificateDer, long now)
    {
        var certificateId = SqliteThingRegistry.CertificateIdOf(certificateDer);
        try
        {
            return Read(certificateDer, certificateId, now);
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            return Load(certificateDer, certificateId, now);
        }
    }

    private static CertificateRow Read(byte[] certificateDer, string certificateId, long now)
    {
        var certificate = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence();
        var tbs = certificate.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            tbs.ReadEncodedValue(); // [0] version
        }

        var serial = tbs.ReadIntegerBytes();
        tbs.ReadEncodedValue(); // signature algorithm
        var issuer = tbs.ReadEncodedValue();
        var validity = tbs.ReadSequence();
        validity.ReadEncodedValue(); // notBefore
        var notAfter = validity.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime)
            ? validity.ReadUtcTime()
            : validity.ReadGeneralizedTime();
        var subject = tbs.ReadEncodedValue();
        return new CertificateRow(
            certificateId,
            certificateDer,
            new X500DistinguishedName(subject.Span).Name,
            IssuerNameOf(issuer.Span),
            Convert.ToHexStringLower(serial.Span),
            UnixMilliseconds.From(notAfter),
            now);
    }

    private static CertificateRow Load(byte[] certificateDer, string certificateId, long now)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        return new CertificateRow(
            certificateId,
            certificateDer,
            certificate.Subject,
            certificate.Issuer,
            Convert.ToHexStringLower(certificate.SerialNumberBytes.Span),
            UnixMilliseconds.From(new DateTimeOffset(certificate.NotAfter.ToUniversalTime())),
            now);
    }

    private static string IssuerNameOf(ReadOnlySpan<byte> issuerDer)
    {
        var last = Volatile.Read(ref s_lastIssuer);
        if (last is not null && issuerDer.SequenceEqual(last.Item1))
        {
            return last.Item2;
        }

        var name = new X500DistinguishedName(issuerDer).Name;
        Volatile.Write(ref s_lastIssuer, Tuple.Create(issuerDer.ToArray(), name));
        return name;
    }
}
