using System.Security.Cryptography;

namespace Secretless.Core.Keys;

/// <summary>
/// An imported public key that checks signatures. Importing is the expensive part on OpenSSL 3
/// (every import builds the curve group again, about twice the cost of the verification itself),
/// which is why <see cref="RegisteredKeyCache"/> keeps these. .NET does not document ECDsa/RSA
/// instances as thread-safe, so every use takes the instance's own lock; different devices never
/// share an instance, so the lock is uncontended unless one device sends parallel requests.
/// </summary>
internal sealed class VerificationKey : IDisposable
{
    private readonly Lock _gate = new();
    private readonly AsymmetricAlgorithm _key;
    private bool _disposed;

    private VerificationKey(AsymmetricAlgorithm key, KeyAlgorithm algorithm)
    {
        _key = key;
        Algorithm = algorithm;
    }

    public KeyAlgorithm Algorithm { get; }

    /// <summary>Imports normalized SPKI DER; throws <see cref="CryptographicException"/> when the platform refuses it.</summary>
    public static VerificationKey Import(NormalizedPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        AsymmetricAlgorithm imported = key.Algorithm == KeyAlgorithm.Rsa ? RSA.Create() : ECDsa.Create();
        try
        {
            imported.ImportSubjectPublicKeyInfo(key.SpkiDer, out _);
            return new VerificationKey(imported, key.Algorithm);
        }
        catch
        {
            imported.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/>: ECDSA signatures are DER
    /// (RFC 3279), RSA ones use <paramref name="rsaPadding"/>. False when this key was disposed
    /// meanwhile (evicted from the cache): the caller then verifies with a fresh import.
    /// </summary>
    public bool TryVerify(
        ReadOnlySpan<byte> data,
        ReadOnlySpan<byte> signature,
        HashAlgorithmName hash,
        RSASignaturePadding? rsaPadding,
        out bool valid)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                valid = false;
                return false;
            }

            valid = _key switch
            {
                ECDsa ecdsa => ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                RSA rsa => rsa.VerifyData(data, signature, hash, rsaPadding ?? throw new ArgumentNullException(nameof(rsaPadding))),
                _ => throw new InvalidOperationException("Unsupported key type."),
            };
            return true;
        }
    }

    public void Dispose()
    {
        // Under the lock: a verification running on another thread finishes before the native key goes.
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _key.Dispose();
        }
    }
}
