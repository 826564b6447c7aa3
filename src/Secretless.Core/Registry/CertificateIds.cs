using System.Security.Cryptography;

namespace Secretless.Core.Registry;

/// <summary>
/// A certificate's id in a thing registry: the lowercase hex SHA-256 of its DER, as AWS IoT Core
/// names certificates (the local registry follows it), so the id is known before registering.
/// </summary>
public static class CertificateIds
{
    public static string Of(ReadOnlySpan<byte> certificateDer) => Convert.ToHexStringLower(SHA256.HashData(certificateDer));
}
