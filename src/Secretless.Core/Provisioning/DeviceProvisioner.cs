using Microsoft.Extensions.Logging;
using Secretless.Core.Csr;
using Secretless.Core.Devices;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Pem;
using Secretless.Core.Registry;

namespace Secretless.Core.Provisioning;

/// <summary>
/// The provisioning decision and its orchestration: inspect the CSR, authorize the device
/// against its registered key, issue once per (device, CSR) and register certificate, thing and
/// policy before answering. Backends only carry out what is decided here.
/// </summary>
public sealed class DeviceProvisioner
{
    private readonly IDeviceDirectory _directory;
    private readonly ICertificateAuthority _authority;
    private readonly IThingRegistry _registry;
    private readonly IIssuanceLedger _ledger;
    private readonly CertificateProfileFactory _profiles;
    private readonly ProvisioningOptions _options;
    private readonly ILogger<DeviceProvisioner> _logger;

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
        _registry = registry;
        _ledger = ledger;
        _profiles = profiles;
        _options = options;
        _logger = logger;
    }

    /// <summary>Keys with a request in flight (for tests: the lock map must drain).</summary>
    internal int InFlightKeys => _issuanceLocks.Count;

    /// <summary>
    /// Provisions from the <c>device-csr</c> header. Refusals (400/403/404/503) are outcomes;
    /// any other backend exception propagates and the host answers 500 with an empty body.
    /// </summary>
    public async Task<ProvisioningOutcome> ProvisionAsync(string? deviceCsrHeader, CancellationToken ct)
    {
        var inspection = CsrInspector.Inspect(deviceCsrHeader);
        if (!inspection.Succeeded)
        {
            ProvisioningLog.CsrRefused(_logger, inspection.Error.Status, inspection.Error.Code);
            return ProvisioningOutcome.Refused(inspection.Error);
        }

        var csr = inspection.Csr;
        try
        {
            var refusal = await AuthorizeAsync(csr, ct);
            if (refusal is not null)
            {
                ProvisioningLog.DeviceRefused(_logger, csr.DeviceId, refusal.Status, refusal.Code);
                return ProvisioningOutcome.Refused(refusal);
            }

            var key = new IssuanceKey(csr.DeviceId, csr.Sha256Hex);
            using (await _issuanceLocks.AcquireAsync(key, ct))
            {
                return await IssueOnceAsync(csr, key, ct);
            }
        }
        catch (BackendUnavailableException ex)
        {
            ProvisioningLog.BackendUnavailable(_logger, ex, ex.Backend, csr.DeviceId, ex.RetryAfter.TotalSeconds);
            return ProvisioningOutcome.Refused(ProvisioningErrors.BackendUnavailable(ex.RetryAfter));
        }
    }

    private async Task<ProvisioningError?> AuthorizeAsync(InspectedCsr csr, CancellationToken ct)
    {
        var device = await _directory.FindAsync(csr.DeviceId, ct);
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

    private async Task<ProvisioningOutcome> IssueOnceAsync(InspectedCsr csr, IssuanceKey key, CancellationToken ct)
    {
        var record = await _ledger.BeginAsync(key, _profiles.TimeProvider.GetUtcNow(), ct);
        if (record.State == IssuanceState.Completed)
        {
            if (record.Certificate is null || record.CertificateId is null)
            {
                throw new InvalidOperationException(
                    $"The issuance ledger holds a completed issuance for device '{key.DeviceId}' without its certificate.");
            }

            ProvisioningLog.Replayed(_logger, csr.DeviceId, record.CertificateId);
            return ProvisioningOutcome.Issued(await AnswerAsync(record.Certificate, record.CertificateId, ct), replayed: true);
        }

        var issued = record.Certificate;
        if (issued is null)
        {
            var issuer = await _authority.DescribeIssuerAsync(ct);
            var profile = _profiles.Create(csr, issuer);
            issued = await _authority.IssueAsync(profile, ct);
            await _ledger.RecordIssuedAsync(key, issued, ct);
        }
        else
        {
            ProvisioningLog.ResumingRegistration(_logger, csr.DeviceId);
        }

        // Registered before the device hears back: a device holding a certificate can always
        // connect. Every registry call is idempotent, so a resumed registration is safe.
        var policyDocument = _options.PolicyDocument ?? ProductLinePolicy.DefaultDocument;
        var certificateId = await _registry.RegisterCertificateAsync(issued.CertificateDer, ct);
        await _registry.EnsureThingAsync(csr.DeviceId, ct);
        await _registry.EnsurePolicyAsync(_options.PolicyName, policyDocument, ct);
        await _registry.AttachPolicyAsync(_options.PolicyName, certificateId, ct);
        await _registry.AttachThingPrincipalAsync(csr.DeviceId, certificateId, ct);
        var answer = await AnswerAsync(issued, certificateId, ct);
        await _ledger.CompleteAsync(key, certificateId, _profiles.TimeProvider.GetUtcNow(), ct);

        ProvisioningLog.Provisioned(_logger, csr.DeviceId, certificateId);
        return ProvisioningOutcome.Issued(answer);
    }

    private async Task<ProvisionedCertificate> AnswerAsync(IssuedCertificate issued, string certificateId, CancellationToken ct)
    {
        var endpoint = await _registry.GetEndpointAsync(ct);
        return new ProvisionedCertificate(
            PemText.Certificate(issued.CertificateDer),
            PemText.Certificates(issued.ChainDer),
            endpoint,
            certificateId,
            issued.NotAfter);
    }
}
