using Microsoft.Extensions.Logging;
using Secretless.Core.Csr;
using Secretless.Core.Devices;
using Secretless.Core.Errors;
using Secretless.Core.Keys;

namespace Secretless.Core.Provisioning;

/// <summary>
/// The authorizer: reads the CSR, looks up the device's registered key, compares it with the CSR's
/// key (normalized DER, constant time) and checks the CSR's signature (proof of possession).
/// </summary>
internal sealed class CsrAuthorizer
{
    private readonly IDeviceDirectory _directory;
    private readonly ILogger _logger;

    public CsrAuthorizer(IDeviceDirectory directory, int registeredKeyCacheCapacity, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(registeredKeyCacheCapacity, "ProvisioningOptions.RegisteredKeyCacheCapacity");
        _directory = directory;
        _logger = logger;
        RegisteredKeys = new RegisteredKeyCache(registeredKeyCacheCapacity);
    }

    /// <summary>Registered keys imported once and reused when the device provisions again.</summary>
    public RegisteredKeyCache RegisteredKeys { get; }

    public async Task<ProvisioningAdmission> AuthorizeAsync(string? deviceCsrHeader, CancellationToken ct)
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
            ? CsrSignatureVerifier.VerifyWithRegisteredKey(csr, RegisteredKeys)
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
}
