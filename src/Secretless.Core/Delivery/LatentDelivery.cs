using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Delivery;

/// <summary>
/// The latent-delivery decision (DESIGN.md §3, 202 row): answer the provisioning outcome directly,
/// or hand out a pre-signed URL and store the 200 body there. Refusals found before issuance
/// (400/403/404) are always answered directly; only issuance runs under the deadline.
/// </summary>
public sealed class LatentDelivery
{
    private readonly DeviceProvisioner _provisioner;
    private readonly IPayloadStore? _store;
    private readonly TimeProvider _time;
    private readonly ILogger<LatentDelivery> _logger;

    // Issuances that outlived the deadline; each stores its payload when done.
    private readonly ConcurrentDictionary<Task, byte> _background = new();

    public LatentDelivery(
        DeviceProvisioner provisioner,
        LatentDeliveryOptions options,
        TimeProvider time,
        ILogger<LatentDelivery> logger,
        IPayloadStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(provisioner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _provisioner = provisioner;
        Options = options;
        _time = time;
        _logger = logger;
        _store = store;
    }

    public LatentDeliveryOptions Options { get; }

    /// <summary>False when the mode is Never or no payload store is registered: every answer is direct.</summary>
    public bool Enabled => _store is not null && Options.Mode != LatentDeliveryMode.Never;

    /// <summary>Issuances still running after their 202 was answered.</summary>
    public int BackgroundCount => _background.Count;

    /// <summary>
    /// Provisions from the <c>device-csr</c> header. <paramref name="deviceAskedForUrl"/> is the
    /// device's <c>device-delivery: url</c>. Issuance is never bound to <paramref name="ct"/> once
    /// it started: a device that hangs up must not leave it half done.
    /// </summary>
    public async Task<DeliveryOutcome> ProvisionAsync(string? deviceCsrHeader, bool deviceAskedForUrl, CancellationToken ct)
    {
        var admission = await _provisioner.AdmitAsync(deviceCsrHeader, ct);
        if (!admission.Admitted)
        {
            return DeliveryOutcome.Direct(ProvisioningOutcome.Refused(admission.Error));
        }

        if (!Enabled)
        {
            return DeliveryOutcome.Direct(await _provisioner.IssueAsync(admission.Request, CancellationToken.None));
        }

        var key = admission.Request.Key;
        var latentWanted = deviceAskedForUrl || Options.Mode == LatentDeliveryMode.Always;

        // The deadline is armed before issuance starts, so it covers all of it (and a test clock
        // advanced once the CA is entered always fires it).
        using var deadlineCancel = new CancellationTokenSource();
        var deadline = Task.Delay(Options.Deadline, _time, deadlineCancel.Token);
        var issuing = _provisioner.IssueAsync(admission.Request, CancellationToken.None);
        if (await Task.WhenAny(issuing, deadline) == issuing)
        {
            await deadlineCancel.CancelAsync();
            var outcome = await issuing;
            if (!latentWanted || !outcome.Succeeded)
            {
                return DeliveryOutcome.Direct(outcome);
            }

            var now = _time.GetUtcNow();
            await StoreAsync(_store!, key, outcome.Certificate, now, ct);
            LatentDeliveryLog.AnsweredWithUrl(_logger, key.DeviceId);
            return DeliveryOutcome.Latent(await _store!.CreateUrlAsync(PayloadKeys.For(key), now + Options.UrlLifetime, ct));
        }

        Track(StoreWhenIssuedAsync(_store!, key, issuing));
        LatentDeliveryLog.DeadlinePassed(_logger, key.DeviceId, Options.Deadline.TotalSeconds);
        return DeliveryOutcome.Latent(await _store!.CreateUrlAsync(PayloadKeys.For(key), _time.GetUtcNow() + Options.UrlLifetime, ct));
    }

    /// <summary>
    /// Stores the 200 body for the issuance key (expiring <see cref="LatentDeliveryOptions.UrlLifetime"/>
    /// from now, so it outlives every URL handed out before). No-op when latent delivery is off.
    /// </summary>
    public Task StorePayloadAsync(IssuanceKey key, ProvisionedCertificate certificate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Enabled ? StoreAsync(_store!, key, certificate, _time.GetUtcNow(), ct) : Task.CompletedTask;
    }

    /// <summary>Waits until every background issuance has finished and stored its payload (shutdown, tests).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (!_background.IsEmpty)
        {
            await Task.WhenAll(_background.Keys).WaitAsync(ct);
        }
    }

    private Task StoreAsync(IPayloadStore store, IssuanceKey key, ProvisionedCertificate certificate, DateTimeOffset now, CancellationToken ct) =>
        store.StoreAsync(PayloadKeys.For(key), ProvisioningResponseBody.Serialize(certificate), now + Options.UrlLifetime, ct);

    private async Task StoreWhenIssuedAsync(IPayloadStore store, IssuanceKey key, Task<ProvisioningOutcome> issuing)
    {
        try
        {
            var outcome = await issuing;
            if (!outcome.Succeeded)
            {
                // Nothing to store: the device polls until its URL expires, then sends its CSR again
                // and hears the refusal (or, once the backend is back, gets the certificate).
                LatentDeliveryLog.BackgroundRefused(_logger, key.DeviceId, outcome.Error.Status, outcome.Error.Code);
                return;
            }

            await StoreAsync(store, key, outcome.Certificate, _time.GetUtcNow(), CancellationToken.None);
            LatentDeliveryLog.BackgroundStored(_logger, key.DeviceId, outcome.Certificate.CertificateId);
        }
        catch (Exception exception)
        {
            // The ledger keeps the issuance (Issued or Completed); a retry of the CSR answers it.
            LatentDeliveryLog.BackgroundFailed(_logger, exception, key.DeviceId);
        }
    }

    private void Track(Task task)
    {
        _background.TryAdd(task, 0);
        _ = task.ContinueWith(
            static (finished, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(finished, out _),
            _background,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
