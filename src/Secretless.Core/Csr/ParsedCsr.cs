namespace Secretless.Core.Csr;

/// <summary>
/// The parts of a PKCS#10 request the core decides on, as slices of the request's DER (no
/// copies). <see cref="CertificationRequestInfo"/> is the exact signed byte range;
/// <see cref="CommonNames"/> holds every CN in the subject (null entries are CNs whose value is
/// not a character string).
/// </summary>
internal sealed record ParsedCsr(
    ReadOnlyMemory<byte> CertificationRequestInfo,
    IReadOnlyList<string?> CommonNames,
    ReadOnlyMemory<byte> SubjectPublicKeyInfo,
    string SignatureAlgorithm,
    byte[]? SignatureAlgorithmParameters,
    ReadOnlyMemory<byte> Signature);
