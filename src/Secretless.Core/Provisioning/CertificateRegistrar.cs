using Microsoft.Extensions.Logging;
using Secretless.Core.Issuance;
using Secretless.Core.Pem;
using Secretless.Core.Registry;

namespace Secretless.Core.Provisioning;

/// <summary>
/// Registers an issued certificate with thing and policy, and builds the device's answer.
/// Shared by the provisioner (first issuance, resumed registration on a retry) and the
/// start-up <see cref="IssuanceResumer"/>.
/// </summary>
internal sealed class CertificateRegistrar
{
    private readonly IThingRegistry _registry;
    private readonly ProvisioningOptions _options;
    private readonly ILogger _logger;

    public CertificateRegistrar(IThingRegistry registry, ProvisioningOptions options, ILogger logger)
    {
        _registry = registry;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Registers certificate, thing, policy and attachments (every call idempotent) and returns the
    /// answer. <paramref name="resumed"/> re-activates the certificate, because a failed earlier
    /// attempt may have left it INACTIVE.
    /// </summary>
    /// <remarks>
    /// Exactly-once rule (docs/adr/0003-exactly-once-issuance.md): a certificate is ACTIVE without a
    /// completed ledger record only between the registration and the ledger's completion. A registry
    /// with <see cref="IAtomicThingRegistry"/> writes everything in one all-or-nothing call, so a
    /// failure leaves nothing to undo. Otherwise, when a step fails after the certificate was
    /// registered, it is set INACTIVE (best effort) and the ledger record stays Issued; the next
    /// request for the same CSR or the start-up resumer finishes the registration and re-activates
    /// it. A device never holds such a certificate: it is answered only after the ledger completes.
    /// </remarks>
    public async Task<ProvisionedCertificate> RegisterAsync(string deviceId, IssuedCertificate issued, bool resumed, CancellationToken ct)
    {
        if (_registry is IAtomicThingRegistry atomic)
        {
            // The endpoint first: once the registration is written nothing may fail before the answer.
            var endpoint = await _registry.GetEndpointAsync(ct);
            var registeredId = await atomic.RegisterDeviceCertificateAsync(RegistrationFor(deviceId, issued, resumed), ct);
            return Answer(issued, registeredId, endpoint);
        }

        var policyDocument = _options.PolicyDocument ?? ProductLinePolicy.DefaultDocument;

        string? certificateId = null;
        try
        {
            certificateId = await _registry.RegisterCertificateAsync(issued.CertificateDer, ct);
            await _registry.EnsureThingAsync(deviceId, ct);
            await _registry.EnsurePolicyAsync(_options.PolicyName, policyDocument, ct);
            await _registry.AttachPolicyAsync(_options.PolicyName, certificateId, ct);
            await _registry.AttachThingPrincipalAsync(deviceId, certificateId, ct);
            if (resumed)
            {
                await _registry.SetCertificateStatusAsync(certificateId, CertificateStatus.Active, ct);
            }

            return await AnswerAsync(issued, certificateId, ct);
        }
        catch (Exception) when (certificateId is not null)
        {
            await DeactivateQuietlyAsync(deviceId, certificateId);
            throw;
        }
    }

    /// <summary>The answer for a certificate that is already registered (a replay).</summary>
    public async Task<ProvisionedCertificate> AnswerAsync(IssuedCertificate issued, string certificateId, CancellationToken ct)
    {
        var endpoint = await _registry.GetEndpointAsync(ct);
        return Answer(issued, certificateId, endpoint);
    }

    /// <summary>Everything one device certificate's registration writes, with the configured policy.</summary>
    public DeviceCertificateRegistration RegistrationFor(string deviceId, IssuedCertificate issued, bool reactivate)
        => new(deviceId, issued.CertificateDer, _options.PolicyName, _options.PolicyDocument ?? ProductLinePolicy.DefaultDocument, reactivate);

    /// <summary>The device's MQTT endpoint, as the registry reports it.</summary>
    public ValueTask<string> GetEndpointAsync(CancellationToken ct) => _registry.GetEndpointAsync(ct);

    /// <summary>The device's answer for a registered certificate.</summary>
    public static ProvisionedCertificate Answer(IssuedCertificate issued, string certificateId, string endpoint)
        => new(
            PemText.Certificate(issued.CertificateDer),
            PemText.Certificates(issued.ChainDer),
            endpoint,
            certificateId,
            issued.NotAfter);

    private async Task DeactivateQuietlyAsync(string deviceId, string certificateId)
    {
        try
        {
            // Not the caller's token: the point is to get it done even when the caller gave up.
            await _registry.SetCertificateStatusAsync(certificateId, CertificateStatus.Inactive, CancellationToken.None);
            ProvisioningLog.RegistrationFailedCertificateDeactivated(_logger, deviceId, certificateId);
        }
        catch (Exception exception)
        {
            // The ledger record stays Issued, so the resumer still finishes or re-activates it.
            ProvisioningLog.DeactivationFailed(_logger, exception, deviceId, certificateId);
        }
    }
}
