using Microsoft.Extensions.Logging;
using Secretless.Core.Csr;
using Secretless.Core.Devices;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Registry;

namespace Secretless.Core.Provisioning;

/// <summary>
/// The provisioning decision and its orchestration: inspect the CSR, authorize the device
/// against its registered key, issue once per (device, CSR) and register certificate, thing and
/// policy before answering. Backends only carry out what is decided here. A repeated CSR is
/// answered again only while its certificate is ACTIVE (a revoked one is re-issued), and every new
/// certificate retires the thing's superseded ones (<see cref="CertificateRotation"/>).
/// </summary>
public sealed class DeviceProvisioner
{
    // A reopened record is issued again at once; only a revoke racing every single attempt could
    // exhaust this, and then the device's next retry starts over.
    private const int MaxReopenAttempts = 3;

    private readonly IDeviceDirectory _directory;
    private readonly ICertificateAuthority _authority;
    private readonly IIssuanceLedger _ledger;
    private readonly CertificateProfileFactory _profiles;
    private readonly CertificateRegistrar _registrar;
    private readonly CompletedIssuanceReplay _replay;
    private readonly CertificateRotation _rotation;
    private readonly ILogger<DeviceProvisioner> _logger;

    // Registered keys imported once and reused when the device provisions again.
    private readonly RegisteredKeyCache _registeredKeys;

    // Serializes identical requests in this process so parallel retries of one CSR issue once;
    // the ledger makes the same true across restarts.
    private readonly KeyedAsyncLock<IssuanceKey> _issuanceLocks = new();

    public DeviceProvisioner(
        IDeviceDirectory directory,
        ICertificateAuthority authority,
        IThingRegistry registry,
        IIssuanceLedger ledger,
        CertificateProfileFactory profiles,
        ProvisioningOptions options,
        ILogger<DeviceProvisioner> logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _directory = directory;
        _authority = authority;
        _ledger = ledger;
        _profiles = profiles;
        _registrar = new CertificateRegistrar(registry, options, logger);
        _replay = new CompletedIssuanceReplay(registry, ledger, _registrar, logger);
        _rotation = new CertificateRotation(registry, options, profiles.TimeProvider, logger);
        _logger = logger;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RegisteredKeyCacheCapacity, "ProvisioningOptions.RegisteredKeyCacheCapacity");
        _registeredKeys = new RegisteredKeyCache(options.RegisteredKeyCacheCapacity);
    }

    /// <summary>Keys with a request in flight (for tests: the lock map must drain).</summary>
    internal int InFlightKeys => _issuanceLocks.Count;

    /// <summary>The registered-key cache (for tests: bounded, keyed by key bytes).</summary>
    internal RegisteredKeyCache RegisteredKeys => _registeredKeys;

    /// <summary>
    /// Provisions from the <c>device-csr</c> header. Refusals (400/403/404/503) are outcomes;
    /// any other backend exception propagates and the host answers 500 with an empty body.
    /// </summary>
    public async Task<ProvisioningOutcome> ProvisionAsync(string? deviceCsrHeader, CancellationToken ct)
    {
        var admission = await AdmitAsync(deviceCsrHeader, ct);
        return admission.Admitted
            ? await IssueAsync(admission.Request, ct)
            : ProvisioningOutcome.Refused(admission.Error);
    }

    /// <summary>
    /// First half of <see cref="ProvisionAsync"/>: inspects the CSR and authorizes the device
    /// against its registered key. Fast and without side effects, so a caller may answer
    /// refusals at once and put only the issuance under a deadline (latent delivery).
    /// </summary>
    public async Task<ProvisioningAdmission> AdmitAsync(string? deviceCsrHeader, CancellationToken ct)
    {
        if (!CsrInspector.TryRead(deviceCsrHeader, out var csr, out var csrError))
        {
            return RefuseCsr(csrError);
        }

        DeviceRecord? device;
        try
        {
            device = await _directory.FindAsync(csr.DeviceId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A CSR with a bad signature is refused as such whatever the directory does, as it
            // was before the signature check moved behind the lookup.
            var signatureError = CsrSignatureVerifier.VerifyWithOwnKey(csr);
            if (signatureError is not null)
            {
                return RefuseCsr(signatureError);
            }

            if (ex is BackendUnavailableException unavailable)
            {
                ProvisioningLog.BackendUnavailable(_logger, unavailable, unavailable.Backend, csr.DeviceId, unavailable.RetryAfter.TotalSeconds);
                return ProvisioningAdmission.Refuse(ProvisioningErrors.BackendUnavailable(unavailable.RetryAfter));
            }

            throw;
        }

        var refusal = Authorize(device, csr);

        // The signature is checked before any refusal is answered (a bad signature outranks
        // 404/403). When the CSR carries the registered key, the cached import of that key
        // verifies; otherwise the CSR's own key does (refusal paths only, never cached).
        var signature = refusal is null
            ? CsrSignatureVerifier.VerifyWithRegisteredKey(csr, _registeredKeys)
            : CsrSignatureVerifier.VerifyWithOwnKey(csr);
        if (signature is not null)
        {
            return RefuseCsr(signature);
        }

        if (refusal is not null)
        {
            ProvisioningLog.DeviceRefused(_logger, csr.DeviceId, refusal.Status, refusal.Code);
            return ProvisioningAdmission.Refuse(refusal);
        }

        return ProvisioningAdmission.Admit(new AdmittedProvisioningRequest(csr.Accept()));
    }

    /// <summary>
    /// Second half of <see cref="ProvisionAsync"/>: issues once per (device, CSR), registers and
    /// completes the ledger record; a repeated CSR is answered from the ledger.
    /// </summary>
    public async Task<ProvisioningOutcome> IssueAsync(AdmittedProvisioningRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using (await _issuanceLocks.AcquireAsync(request.Key, ct))
            {
                return await IssueOnceAsync(request.Csr, request.Key, ct);
            }
        }
        catch (BackendUnavailableException ex)
        {
            ProvisioningLog.BackendUnavailable(_logger, ex, ex.Backend, request.DeviceId, ex.RetryAfter.TotalSeconds);
            return ProvisioningOutcome.Refused(ProvisioningErrors.BackendUnavailable(ex.RetryAfter));
        }
    }

    /// <summary>
    /// Finishes a record the CA already answered (state Issued) without a device request: registers
    /// and completes it under the same per-key lock requests take. Returns the answer, or null when
    /// there is nothing to finish (already completed by a request, or still Pending: the CSR is not
    /// kept, so only the device's retry can issue it).
    /// </summary>
    internal async Task<ProvisionedCertificate?> ResumeAsync(IssuanceKey key, CancellationToken ct)
    {
        using (await _issuanceLocks.AcquireAsync(key, ct))
        {
            var record = await _ledger.FindAsync(key, ct);
            if (record is not { State: IssuanceState.Issued, Certificate: { } issued })
            {
                return null;
            }

            var answer = await _registrar.RegisterAsync(key.DeviceId, issued, resumed: true, ct);
            await _ledger.CompleteAsync(key, answer.CertificateId, _profiles.TimeProvider.GetUtcNow(), ct);
            ProvisioningLog.Resumed(_logger, key.DeviceId, answer.CertificateId);
            await _rotation.RetireSupersededAsync(key.DeviceId, answer.CertificateId, ct);
            return answer;
        }
    }

    private static ProvisioningError? Authorize(DeviceRecord? device, UnverifiedCsr csr)
    {
        if (device is null)
        {
            return ProvisioningErrors.DeviceNotRegistered(csr.DeviceId);
        }

        if (device.Status == DeviceStatus.Disabled)
        {
            return ProvisioningErrors.DeviceDisabled(csr.DeviceId);
        }

        // Both sides are normalized SPKI DER, so byte equality is key equality.
        var sameAlgorithm = device.KeyAlgorithm == csr.PublicKey.Algorithm;
        var sameKey = PublicKeyComparer.FixedTimeEquals(device.PublicKey, csr.PublicKey.SpkiDer);
        return sameAlgorithm && sameKey ? null : ProvisioningErrors.PublicKeyMismatch(csr.DeviceId);
    }

    private ProvisioningAdmission RefuseCsr(ProvisioningError error)
    {
        ProvisioningLog.CsrRefused(_logger, error.Status, error.Code);
        return ProvisioningAdmission.Refuse(error);
    }

    private async Task<ProvisioningOutcome> IssueOnceAsync(InspectedCsr csr, IssuanceKey key, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryIssueOnceAsync(csr, key, ct);
            if (outcome is not null)
            {
                return outcome;
            }

            if (attempt == MaxReopenAttempts)
            {
                throw new InvalidOperationException(
                    $"The certificate for device '{key.DeviceId}' and this CSR was revoked again while it was being re-issued ({attempt} attempts).");
            }
        }
    }

    /// <summary>One pass over the ledger record; null when a completed record was reopened and must be read again.</summary>
    private async Task<ProvisioningOutcome?> TryIssueOnceAsync(InspectedCsr csr, IssuanceKey key, CancellationToken ct)
    {
        var record = await _ledger.BeginAsync(key, _profiles.TimeProvider.GetUtcNow(), ct);
        if (record.State == IssuanceState.Completed)
        {
            return await ReplayAsync(record, ct);
        }

        // Pending without a certificate: the CA has not answered for this key (or the process died
        // before it did, or the record was reopened because its certificate was revoked). Issuing now
        // is safe: a certificate the CA may have signed earlier was never recorded, so it was never
        // registered and is not ACTIVE anywhere.
        var resumed = record.Certificate is not null;
        var issued = record.Certificate;
        if (issued is null)
        {
            var issuer = await _authority.DescribeIssuerAsync(ct);
            var profile = _profiles.Create(csr, issuer);
            var signed = await _authority.IssueAsync(profile, ct);
            await _ledger.RecordIssuedAsync(key, signed, ct);

            // The ledger only records the first certificate (Pending → Issued once). Another process
            // sharing the ledger may have won: register and answer the recorded one, never ours.
            var recorded = await _ledger.FindAsync(key, ct)
                ?? throw new InvalidOperationException($"The issuance record for device '{key.DeviceId}' vanished after the CA answered.");
            if (recorded.State == IssuanceState.Completed)
            {
                return await ReplayAsync(recorded, ct);
            }

            issued = recorded.Certificate
                ?? throw new InvalidOperationException($"The issuance ledger did not keep the certificate of device '{key.DeviceId}'.");
            if (!issued.CertificateDer.AsSpan().SequenceEqual(signed.CertificateDer))
            {
                ProvisioningLog.LostIssuanceRace(_logger, key.DeviceId);
            }
        }
        else
        {
            ProvisioningLog.ResumingRegistration(_logger, csr.DeviceId);
        }

        // Registered before the device hears back: a device holding a certificate can always connect.
        var answer = await _registrar.RegisterAsync(csr.DeviceId, issued, resumed, ct);
        await _ledger.CompleteAsync(key, answer.CertificateId, _profiles.TimeProvider.GetUtcNow(), ct);
        ProvisioningLog.Provisioned(_logger, csr.DeviceId, answer.CertificateId);

        // Rotation after completion: the new certificate is registered and answerable before any
        // older one is retired, and a failure to retire never costs the device its answer.
        await _rotation.RetireSupersededAsync(csr.DeviceId, answer.CertificateId, ct);
        return ProvisioningOutcome.Issued(answer);
    }

    private async Task<ProvisioningOutcome?> ReplayAsync(IssuanceRecord record, CancellationToken ct)
    {
        var answer = await _replay.TryReplayAsync(record, ct);
        return answer is null ? null : ProvisioningOutcome.Issued(answer, replayed: true);
    }
}
