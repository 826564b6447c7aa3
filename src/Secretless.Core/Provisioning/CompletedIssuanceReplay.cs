using Microsoft.Extensions.Logging;
using Secretless.Core.Issuance;
using Secretless.Core.Registry;

namespace Secretless.Core.Provisioning;

/// <summary>
/// Answers a repeated CSR whose issuance is Completed, according to what this registry says about
/// the recorded certificate:
/// ACTIVE → answer it again; unknown (issued through another region's registry) → register it here
/// (idempotent) and answer it; INACTIVE or REVOKED → reopen the ledger record so the caller issues a
/// new certificate for the same CSR (a device whose certificate was revoked recovers by retrying).
/// </summary>
internal sealed class CompletedIssuanceReplay
{
    private readonly IThingRegistry _registry;
    private readonly IIssuanceLedger _ledger;
    private readonly CertificateRegistrar _registrar;
    private readonly ILogger _logger;

    public CompletedIssuanceReplay(IThingRegistry registry, IIssuanceLedger ledger, CertificateRegistrar registrar, ILogger logger)
    {
        _registry = registry;
        _ledger = ledger;
        _registrar = registrar;
        _logger = logger;
    }

    /// <summary>
    /// The answer, or null when the record was reopened (by this call or a racing one): the caller
    /// reads the record again and issues, or replays what a racing request completed meanwhile.
    /// </summary>
    public async Task<ProvisionedCertificate?> TryReplayAsync(IssuanceRecord record, CancellationToken ct)
    {
        if (record.Certificate is null || record.CertificateId is null)
        {
            throw new InvalidOperationException(
                $"The issuance ledger holds a completed issuance for device '{record.Key.DeviceId}' without its certificate.");
        }

        var deviceId = record.Key.DeviceId;
        var certificateId = record.CertificateId;
        switch (await _registry.GetCertificateStatusAsync(certificateId, ct))
        {
            case CertificateStatus.Active:
                ProvisioningLog.Replayed(_logger, deviceId, certificateId);
                return await _registrar.AnswerAsync(record.Certificate, certificateId, ct);

            case null:
                // Issued and completed through another registry (region) sharing this ledger: the
                // device may connect here, so the certificate must exist here too. No rotation: this
                // is not a new certificate for the thing.
                var answer = await _registrar.RegisterAsync(deviceId, record.Certificate, resumed: false, ct);
                RotationLog.RegisteredForReplay(_logger, deviceId, answer.CertificateId);
                return answer;

            case { } status:
                // Compare-and-set on the certificate id: of racing callers (any process) exactly one
                // reopens; the others re-read and follow whatever the winner does (ADR 0003).
                if (await _ledger.ReopenAsync(record.Key, certificateId, ct))
                {
                    RotationLog.Reopened(_logger, deviceId, certificateId, status);
                }
                else
                {
                    RotationLog.ReopenLost(_logger, deviceId, certificateId, status);
                }

                return null;
        }
    }

    /// <summary>
    /// An Issued record's certificate may have been revoked before its registration finished (a
    /// <c>ca revoke</c> cascade, <c>certs revoke</c>): it must never become ACTIVE again. The record is
    /// completed with it and then reopened like any revoked completed record, so the same CSR is
    /// issued again. True when that happened (or a racing caller did it): the caller reads again.
    /// </summary>
    public async Task<bool> ReopenIfRevokedAsync(IssuanceKey key, IssuedCertificate issued, DateTimeOffset now, CancellationToken ct)
    {
        var certificateId = CertificateIds.Of(issued.CertificateDer);
        if (await _registry.GetCertificateStatusAsync(certificateId, ct) != CertificateStatus.Revoked)
        {
            return false;
        }

        await _ledger.CompleteAsync(key, certificateId, now, ct);
        if (await _ledger.FindAsync(key, ct) is { State: IssuanceState.Completed } completed && completed.CertificateId == certificateId)
        {
            await TryReplayAsync(completed, ct);
        }

        return true;
    }
}
