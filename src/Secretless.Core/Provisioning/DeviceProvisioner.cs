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

    private readonly CsrAuthorizer _authorizer;
    private readonly ICertificateAuthority _authority;
    private readonly IIssuanceLedger _ledger;
    private readonly CertificateProfileFactory _profiles;
    private readonly CertificateRegistrar _registrar;
    private readonly CompletedIssuanceReplay _replay;
    private readonly CertificateRotation _rotation;
    private readonly ILogger<DeviceProvisioner> _logger;

    // Ledger and registry in one store: an issuance is recorded, registered and completed in one
    // write (null: the granular steps, each its own write).
    private readonly IAtomicIssuanceRecorder? _recorder;

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
        _authorizer = new CsrAuthorizer(directory, options.RegisteredKeyCacheCapacity, logger);
        _authority = authority;
        _ledger = ledger;
        _profiles = profiles;
        _registrar = new CertificateRegistrar(registry, options, logger);
        _replay = new CompletedIssuanceReplay(registry, ledger, _registrar, logger);
        _rotation = new CertificateRotation(registry, options, profiles.TimeProvider, logger);
        _logger = logger;
        _recorder = (ledger as IRegistryBoundLedger)?.BindRegistry(registry);
    }

    /// <summary>Keys with a request in flight (for tests: the lock map must drain).</summary>
    internal int InFlightKeys => _issuanceLocks.Count;

    /// <summary>The registered-key cache (for tests: bounded, keyed by key bytes).</summary>
    internal RegisteredKeyCache RegisteredKeys => _authorizer.RegisteredKeys;

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
    public Task<ProvisioningAdmission> AdmitAsync(string? deviceCsrHeader, CancellationToken ct)
        => _authorizer.AuthorizeAsync(deviceCsrHeader, ct);

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
    /// there is nothing to finish (already completed by a request, still Pending, or its certificate
    /// was revoked meanwhile and the record reopened: the CSR is not kept, so only the device's retry
    /// can issue it).
    /// </summary>
    internal async Task<ProvisionedCertificate?> ResumeAsync(IssuanceKey key, CancellationToken ct)
    {
        using (await _issuanceLocks.AcquireAsync(key, ct))
        {
            var record = await _ledger.FindAsync(key, ct);
            return record is { State: IssuanceState.Issued, Certificate: { } issued }
                ? await RegisterAndCompleteAsync(key, issued, resumed: true, atStartup: true, ct)
                : null;
        }
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
        if (_recorder is not null)
        {
            return await TryIssueInOneWriteAsync(csr, key, _recorder, ct);
        }

        var record = await _ledger.BeginAsync(key, _profiles.TimeProvider.GetUtcNow(), ct);
        if (record.State == IssuanceState.Completed)
        {
            return await ReplayAsync(record, ct);
        }

        // Pending without a certificate: the CA has not answered for this key (or the process died
        // before it did, or the record was reopened because its certificate was revoked). Issuing now
        // is safe: a certificate the CA may have signed earlier was never recorded, so it was never
        // registered and is not ACTIVE anywhere.
        if (record.Certificate is { } recorded)
        {
            ProvisioningLog.ResumingRegistration(_logger, csr.DeviceId);
            return await FinishAsync(key, recorded, resumed: true, ct);
        }

        var signed = await SignAsync(csr, ct);
        await _ledger.RecordIssuedAsync(key, signed, ct);

        // The ledger only records the first certificate (Pending → Issued once). Another process
        // sharing the ledger may have won: register and answer the recorded one, never ours.
        var after = await _ledger.FindAsync(key, ct)
            ?? throw new InvalidOperationException($"The issuance record for device '{key.DeviceId}' vanished after the CA answered.");
        if (after.State == IssuanceState.Completed)
        {
            return await ReplayAsync(after, ct);
        }

        var issued = after.Certificate
            ?? throw new InvalidOperationException($"The issuance ledger did not keep the certificate of device '{key.DeviceId}'.");
        if (!issued.CertificateDer.AsSpan().SequenceEqual(signed.CertificateDer))
        {
            ProvisioningLog.LostIssuanceRace(_logger, key.DeviceId);
        }

        return await FinishAsync(key, issued, resumed: false, ct);
    }

    /// <summary>
    /// The same pass with ledger and registry in one store: a read decides, the CA signs, and one
    /// write records, registers and completes (no Pending record first; see
    /// <see cref="IAtomicIssuanceRecorder"/>).
    /// </summary>
    private async Task<ProvisioningOutcome?> TryIssueInOneWriteAsync(InspectedCsr csr, IssuanceKey key, IAtomicIssuanceRecorder recorder, CancellationToken ct)
    {
        var record = await _ledger.FindAsync(key, ct);
        if (record is { State: IssuanceState.Completed })
        {
            return await ReplayAsync(record, ct);
        }

        if (record?.Certificate is { } recorded)
        {
            ProvisioningLog.ResumingRegistration(_logger, csr.DeviceId);
            return await FinishAsync(key, recorded, resumed: true, ct);
        }

        var signed = await SignAsync(csr, ct);

        // The endpoint first: once the write is done nothing may fail before the answer.
        var endpoint = await _registrar.GetEndpointAsync(ct);
        var result = await recorder.RecordRegisteredAsync(
            key, signed, _registrar.RegistrationFor(key.DeviceId, signed, reactivate: false), _profiles.TimeProvider.GetUtcNow(), ct);
        if (!result.Registered)
        {
            // Another process recorded its certificate for this CSR first: answer that one, never ours.
            ProvisioningLog.LostIssuanceRace(_logger, key.DeviceId);
            return result.Record is { State: IssuanceState.Issued, Certificate: { } winner }
                ? await FinishAsync(key, winner, resumed: true, ct)
                : await ReplayAsync(result.Record, ct);
        }

        var certificateId = result.Record.CertificateId
            ?? throw new InvalidOperationException($"The issuance record of device '{key.DeviceId}' was completed without a certificate id.");
        ProvisioningLog.Provisioned(_logger, key.DeviceId, certificateId);
        if (result.ThingHadOtherCertificates)
        {
            await _rotation.RetireSupersededAsync(key.DeviceId, certificateId, ct);
        }

        return ProvisioningOutcome.Issued(CertificateRegistrar.Answer(signed, certificateId, endpoint));
    }

    private async Task<IssuedCertificate> SignAsync(InspectedCsr csr, CancellationToken ct)
    {
        var issuer = await _authority.DescribeIssuerAsync(ct);
        return await _authority.IssueAsync(_profiles.Create(csr, issuer), ct);
    }

    private async Task<ProvisioningOutcome?> FinishAsync(IssuanceKey key, IssuedCertificate issued, bool resumed, CancellationToken ct)
        => await RegisterAndCompleteAsync(key, issued, resumed, atStartup: false, ct) is { } answer
            ? ProvisioningOutcome.Issued(answer)
            : null;

    /// <summary>
    /// Registers a recorded certificate, completes its record and retires the thing's older
    /// certificates; null when a resumed certificate turned out REVOKED and the record was reopened
    /// (a request then issues again; at start-up only the device's retry can, the CSR is not kept).
    /// </summary>
    private async Task<ProvisionedCertificate?> RegisterAndCompleteAsync(
        IssuanceKey key, IssuedCertificate issued, bool resumed, bool atStartup, CancellationToken ct)
    {
        if (resumed && await _replay.ReopenIfRevokedAsync(key, issued, _profiles.TimeProvider.GetUtcNow(), ct))
        {
            return null;
        }

        // Registered before the device hears back: a device holding a certificate can always connect.
        var answer = await _registrar.RegisterAsync(key.DeviceId, issued, resumed, ct);
        await _ledger.CompleteAsync(key, answer.CertificateId, _profiles.TimeProvider.GetUtcNow(), ct);
        if (atStartup)
        {
            ProvisioningLog.Resumed(_logger, key.DeviceId, answer.CertificateId);
        }
        else
        {
            ProvisioningLog.Provisioned(_logger, key.DeviceId, answer.CertificateId);
        }

        // Rotation after completion: the new certificate is registered and answerable before any
        // older one is retired, and a failure to retire never costs the device its answer.
        await _rotation.RetireSupersededAsync(key.DeviceId, answer.CertificateId, ct);
        return answer;
    }

    private async Task<ProvisioningOutcome?> ReplayAsync(IssuanceRecord record, CancellationToken ct)
    {
        var answer = await _replay.TryReplayAsync(record, ct);
        return answer is null ? null : ProvisioningOutcome.Issued(answer, replayed: true);
    }
}
