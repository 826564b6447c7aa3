namespace Secretless.Core.Keys;

/// <summary>
/// A public key in its one canonical SPKI DER form (EC: named curve, uncompressed point;
/// RSA: rsaEncryption with NULL parameters), so equal keys have equal bytes.
/// </summary>
public sealed record NormalizedPublicKey(byte[] SpkiDer, KeyAlgorithm Algorithm);
