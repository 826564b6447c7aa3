using Microsoft.Extensions.Logging;
using Secretless.Core.Registry;

namespace Secretless.Core.Provisioning;

/// <summary>
/// Retires a thing's superseded certificates (sets them REVOKED): a certificate is superseded once
/// a newer ACTIVE certificate of the same thing has been registered for at least
/// <see cref="ProvisioningOptions.RotationGracePeriod"/>. Runs inline after every issuance and, where
/// the registry can find superseded certificates itself, in a background sweep.
/// </summary>
/// <remarks>
/// Only an ACTIVE successor retires a certificate: one left INACTIVE by a failed registration was
/// never delivered, so the device still needs the older one. "Newer" is the registry's registration
/// order, so two racing issuances never retire each other — the later one retires the earlier.
/// </remarks>
public sealed class CertificateRotation
{
    private readonly IThingRegistry _registry;
    private readonly TimeSpan _gracePeriod;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CertificateRotation(IThingRegistry registry, ProvisioningOptions options, TimeProvider time, ILogger<CertificateRotation> logger)
        : this(registry, options, time, (ILogger)logger)
    {
    }

    internal CertificateRotation(IThingRegistry registry, ProvisioningOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RotationGracePeriod, TimeSpan.Zero, "ProvisioningOptions.RotationGracePeriod");
        _registry = registry;
        _gracePeriod = options.RotationGracePeriod;
        _time = time;
        _logger = logger;
    }

    public TimeSpan GracePeriod => _gracePeriod;

    /// <summary>
    /// After <paramref name="currentCertificateId"/> was registered for the thing: retires every
    /// other certificate whose grace is over. With no grace, every certificate registered before the
    /// current one is retired at once (no clock comparison, so a registry clock ahead of ours does
    /// not delay it). Failures are logged, not thrown: the device's answer must not depend on them.
    /// Returns how many certificates were retired.
    /// </summary>
    public async Task<int> RetireSupersededAsync(string thingName, string currentCertificateId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        ArgumentException.ThrowIfNullOrEmpty(currentCertificateId);
        try
        {
            var certificates = await _registry.ListThingCertificatesAsync(thingName, cancellationToken);
            var retired = 0;
            foreach (var superseded in FindSuperseded(thingName, certificates, currentCertificateId))
            {
                await RetireAsync(superseded, cancellationToken);
                retired++;
            }

            return retired;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RotationLog.RetireFailed(_logger, exception, thingName);
            return 0;
        }
    }

    /// <summary>
    /// One sweep: retires up to <paramref name="limit"/> certificates the finder reports superseded
    /// for longer than the grace period. A failing certificate is logged and left for the next sweep.
    /// </summary>
    public async Task<RotationSweepResult> SweepAsync(ISupersededCertificateFinder finder, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var superseded = await finder.FindSupersededAsync(_time.GetUtcNow() - _gracePeriod, limit, cancellationToken);
        int retired = 0, failed = 0;
        foreach (var certificate in superseded)
        {
            try
            {
                await RetireAsync(certificate, cancellationToken);
                retired++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RotationLog.SweepRetireFailed(_logger, exception, certificate.ThingName, certificate.CertificateId);
                failed++;
            }
        }

        if (retired + failed > 0)
        {
            RotationLog.SweepFinished(_logger, retired, failed);
        }

        return new RotationSweepResult(superseded.Count, retired, failed);
    }

    private IEnumerable<SupersededCertificate> FindSuperseded(
        string thingName, IReadOnlyList<ThingCertificate> certificates, string currentCertificateId)
    {
        var currentIndex = -1;
        for (var i = 0; i < certificates.Count; i++)
        {
            if (certificates[i].CertificateId == currentCertificateId)
            {
                currentIndex = i;
            }
        }

        var current = currentIndex >= 0 ? certificates[currentIndex] : null;
        var graceOverBefore = _time.GetUtcNow() - _gracePeriod;
        for (var i = 0; i < certificates.Count; i++)
        {
            var candidate = certificates[i];
            if (i == currentIndex || candidate.Status == CertificateStatus.Revoked)
            {
                continue;
            }

            // Not listed yet (an eventually consistent registry): it was registered just now, after
            // everything listed.
            var olderThanCurrent = currentIndex < 0 || i < currentIndex;
            if (_gracePeriod == TimeSpan.Zero && olderThanCurrent)
            {
                yield return new SupersededCertificate(thingName, candidate.CertificateId, currentCertificateId, current?.RegisteredAt ?? _time.GetUtcNow());
                continue;
            }

            // The earliest ACTIVE successor decides when the grace started.
            for (var j = i + 1; j < certificates.Count; j++)
            {
                var successor = certificates[j];
                if (successor.Status == CertificateStatus.Active && successor.RegisteredAt <= graceOverBefore)
                {
                    yield return new SupersededCertificate(thingName, candidate.CertificateId, successor.CertificateId, successor.RegisteredAt);
                    break;
                }
            }
        }
    }

    private async Task RetireAsync(SupersededCertificate superseded, CancellationToken cancellationToken)
    {
        // REVOKED again is fine and a certificate deleted meanwhile answers false: both end the same.
        await _registry.SetCertificateStatusAsync(superseded.CertificateId, CertificateStatus.Revoked, cancellationToken);
        RotationLog.Retired(_logger, superseded.ThingName, superseded.CertificateId, superseded.SupersededByCertificateId, superseded.SupersededAt);
    }
}
