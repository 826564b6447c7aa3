using System.Security.Cryptography;
using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>
/// A CSR that passed every check except its signature: one valid CN, an allowed (normalized) key
/// and an allowed signature algorithm that fits the key. Splitting the signature off lets the
/// provisioner verify with the registered device's cached key instead of importing the CSR's.
/// </summary>
internal sealed class UnverifiedCsr
{
    internal UnverifiedCsr(byte[] der, ParsedCsr parsed, string deviceId, NormalizedPublicKey publicKey, SignatureScheme scheme)
    {
        Der = der;
        Parsed = parsed;
        DeviceId = deviceId;
        PublicKey = publicKey;
        Scheme = scheme;
    }

    public byte[] Der { get; }

    public ParsedCsr Parsed { get; }

    public string DeviceId { get; }

    public NormalizedPublicKey PublicKey { get; }

    public SignatureScheme Scheme { get; }

    /// <summary>The inspected CSR, once its signature verified.</summary>
    public InspectedCsr Accept() =>
        new(DeviceId, PublicKey, Convert.ToHexStringLower(SHA256.HashData(Der)), Der);
}
