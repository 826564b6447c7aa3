using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Core.Issuance;

namespace Secretless.Core.Provisioning;

/// <summary>
/// Finishes issuances a crash interrupted (run at start-up). A record in state Issued (the CA
/// answered, registration or completion did not happen) is registered and completed, and its
/// payload is stored for a device that may hold a latent URL. A record still Pending holds no
/// certificate and the CSR is not kept, so it cannot be issued here: the device's retry of the
/// same CSR issues it, which is safe because nothing was registered for it (ADR 0003).
/// </summary>
public sealed class IssuanceResumer
{
    private readonly DeviceProvisioner _provisioner;
    private readonly IIssuanceLedger _ledger;
    private readonly IssuanceResumeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IssuanceResumer> _logger;
    private readonly LatentDelivery? _latentDelivery;

    public IssuanceResumer(
        DeviceProvisioner provisioner,
        IIssuanceLedger ledger,
        IssuanceResumeOptions options,
        TimeProvider time,
        ILogger<IssuanceResumer> logger,
        LatentDelivery? latentDelivery = null)
    {
        ArgumentNullException.ThrowIfNull(provisioner);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _provisioner = provisioner;
        _ledger = ledger;
        _options = options;
        _time = time;
        _logger = logger;
        _latentDelivery = latentDelivery;
    }

    /// <summary>
    /// One sweep over the oldest incomplete records. A failing record is logged and counted, never
    /// thrown: it stays incomplete and the next request for it (or the next start) tries again.
    /// </summary>
    public async Task<IssuanceResumeSummary> ResumeAsync(CancellationToken ct)
    {
        var incomplete = await _ledger.ListIncompleteAsync(_options.BatchSize, ct);
        var staleBefore = _time.GetUtcNow() - _options.StalePendingAfter;
        int resumed = 0, stale = 0, failed = 0;
        foreach (var record in incomplete)
        {
            ct.ThrowIfCancellationRequested();
            if (record.State == IssuanceState.Pending)
            {
                if (record.CreatedAt < staleBefore)
                {
                    ProvisioningLog.StalePending(_logger, record.Key.DeviceId, record.CreatedAt);
                    stale++;
                }

                continue;
            }

            try
            {
                var answer = await _provisioner.ResumeAsync(record.Key, ct);
                if (answer is not null)
                {
                    if (_latentDelivery is not null)
                    {
                        // Harmless when no URL was handed out: the payload simply expires unread.
                        await _latentDelivery.StorePayloadAsync(record.Key, answer, ct);
                    }

                    resumed++;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                ProvisioningLog.ResumeFailed(_logger, exception, record.Key.DeviceId);
                failed++;
            }
        }

        ProvisioningLog.ResumeFinished(_logger, resumed, stale, failed);
        return new IssuanceResumeSummary(resumed, stale, failed);
    }
}
