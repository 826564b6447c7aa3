using System.Security.Cryptography;

namespace Secretless.Core.Keys;

/// <summary>
/// An imported public key that checks signatures. ECDSA P-256/P-384 keys take the direct libcrypto
/// path (<see cref="OpenSslEcdsa"/>) where it is available: on OpenSSL 3.0, .NET's import runs a
/// redundant order check that costs as much as the verification itself. RSA keys, other platforms
/// and hosts where that path is off use .NET's <see cref="ECDsa"/>/<see cref="RSA"/>. Imports are
/// still worth caching (<see cref="RegisteredKeyCache"/>). .NET does not document ECDsa/RSA
/// instances as thread-safe (nor OpenSSL an EC_KEY in use), so every use takes the instance's own
/// lock; different devices never share an instance, so the lock is uncontended unless one device
/// sends parallel requests.
/// </summary>
internal sealed class VerificationKey : IDisposable
{
    // SHA-512, the longest hash a CSR's signature scheme names.
    private const int MaximumDigestSize = 64;

    private readonly Lock _gate = new();
    private readonly AsymmetricAlgorithm? _managed;
    private readonly OpenSslEcKeyHandle? _native;
    private bool _disposed;

    private VerificationKey(AsymmetricAlgorithm? managed, OpenSslEcKeyHandle? native, KeyAlgorithm algorithm)
    {
        _managed = managed;
        _native = native;
        Algorithm = algorithm;
    }

    public KeyAlgorithm Algorithm { get; }

    /// <summary>True when this key verifies on the direct libcrypto path (tests assert it, so a silent fallback shows).</summary>
    internal bool IsNative => _native is not null;

    /// <summary>Imports normalized SPKI DER; throws <see cref="CryptographicException"/> when the platform refuses it.</summary>
    public static VerificationKey Import(NormalizedPublicKey key) => Import(key, allowNative: true);

    /// <summary>
    /// <paramref name="allowNative"/> = false forces .NET's import (tests of the fallback path and
    /// of equivalence); true takes the native path when it is available for the key.
    /// </summary>
    internal static VerificationKey Import(NormalizedPublicKey key, bool allowNative)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (allowNative && OpenSslEcdsa.TryImport(key.Algorithm, key.SpkiDer) is { } native)
        {
            return new VerificationKey(null, native, key.Algorithm);
        }

        AsymmetricAlgorithm imported = key.Algorithm == KeyAlgorithm.Rsa ? RSA.Create() : ECDsa.Create();
        try
        {
            imported.ImportSubjectPublicKeyInfo(key.SpkiDer, out _);
            return new VerificationKey(imported, null, key.Algorithm);
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

            valid = _native is not null
                ? VerifyNative(_native, data, signature, hash)
                : _managed switch
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
            _managed?.Dispose();
            _native?.Dispose();
        }
    }

    /// <summary>Hashes with .NET (the scheme's hash; ECDSA_verify truncates it to the order's size as FIPS 186 says) and verifies natively.</summary>
    private static bool VerifyNative(OpenSslEcKeyHandle key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        Span<byte> digest = stackalloc byte[MaximumDigestSize];
        var length = CryptographicOperations.HashData(hash, data, digest);
        return OpenSslEcdsa.Verify(key, digest[..length], signature);
    }
}
