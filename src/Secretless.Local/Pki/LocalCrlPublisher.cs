using System.Collections.Concurrent;
using Secretless.Local.Registry;

namespace Secretless.Local.Pki;

/// <summary>
/// The CRLs behind <c>GET /crl</c>: an issuing CA's CRL lists the REVOKED registry certificates it
/// signed and is signed by that CA; the root's CRL is the file <c>ca revoke</c> writes. An issuer's
/// CRL is rebuilt only when the registry's status feed moved (its sequence is the CRL number) or
/// after <see cref="MaximumAge"/>, so a burst of fetches costs one query each, not one signature.
/// </summary>
public sealed class LocalCrlPublisher : IDisposable
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromSeconds(5);

    private readonly LocalPki _pki;
    private readonly SqliteThingRegistry _registry;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, LocalCrl> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalIssuingCa> _retiredSigners = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _buildGate = new(1, 1);

    public LocalCrlPublisher(LocalPki pki, SqliteThingRegistry registry, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _pki = pki;
        _registry = registry;
        _timeProvider = timeProvider;
    }

    /// <summary>The DER root CRL (revoked issuing CAs), or null when this PKI predates CRLs.</summary>
    public byte[]? ReadRootCrl() => File.Exists(_pki.RootCrlPath) ? File.ReadAllBytes(_pki.RootCrlPath) : null;

    /// <summary>
    /// The CRL of <paramref name="issuerId"/> (null: the active issuing CA); null when the issuer is
    /// unknown or revoked (a revoked CA's CRL would be signed by a key nobody may trust).
    /// </summary>
    public async Task<LocalCrl?> GetIssuerCrlAsync(string? issuerId, CancellationToken cancellationToken)
    {
        var issuer = issuerId is null
            ? _pki.ListIssuers().SingleOrDefault(candidate => candidate.Id == _pki.ActiveIssuerId)
            : _pki.ListIssuers().SingleOrDefault(candidate => string.Equals(candidate.Id, issuerId, StringComparison.OrdinalIgnoreCase));
        if (issuer is null || issuer.Status == PkiIssuerEntry.Revoked)
        {
            return null;
        }

        var sequence = await _registry.ReadLatestStatusChangeSequenceAsync(cancellationToken);
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(issuer.Id, out var cached) && cached.CrlNumber == sequence && now - cached.ThisUpdate < MaximumAge)
        {
            return cached;
        }

        await _buildGate.WaitAsync(cancellationToken);
        try
        {
            var revoked = await _registry.ListRevokedIssuedByAsync(issuer.Subject, cancellationToken);
            var signer = SignerFor(issuer.Id);
            if (signer is null)
            {
                return null;
            }

            var der = CrlFactory.Build(
                signer.Certificate,
                signer.PrivateKey,
                revoked.Select(entry => (entry.SerialNumber, entry.RevokedAt)),
                sequence,
                now);
            var crl = new LocalCrl(issuer.Id, der, sequence, now);
            _cache[issuer.Id] = crl;
            return crl;
        }
        finally
        {
            _buildGate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var signer in _retiredSigners.Values)
        {
            signer.Dispose();
        }

        _buildGate.Dispose();
    }

    private LocalIssuingCa? SignerFor(string issuerId)
    {
        var active = _pki.ActiveIssuer;
        if (active.Id == issuerId)
        {
            return active;
        }

        // A retired CA's key is loaded on demand and kept: its CRL stays fetchable until it is revoked.
        if (_retiredSigners.TryGetValue(issuerId, out var loaded))
        {
            return loaded;
        }

        var opened = _pki.OpenIssuerForSigning(issuerId);
        return opened is null ? null : _retiredSigners.GetOrAdd(issuerId, opened);
    }
}
