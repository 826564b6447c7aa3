namespace Secretless.Core.Errors;

/// <summary>
/// Factories for every refusal, so status, code and title always travel together.
/// Details never echo a CSR, a key or an unvalidated device id.
/// </summary>
public static class ProvisioningErrors
{
    public static ProvisioningError CsrMissing() => new(
        400, ProvisioningErrorCodes.CsrMissing, "CSR missing",
        "The device-csr header is missing or empty; send the base64 of the CSR (PEM or DER).");

    public static ProvisioningError CsrNotBase64() => new(
        400, ProvisioningErrorCodes.CsrNotBase64, "CSR not base64",
        "The device-csr header is not standard base64.");

    public static ProvisioningError CsrMalformed(string detail) => new(
        400, ProvisioningErrorCodes.CsrMalformed, "CSR malformed", detail);

    public static ProvisioningError CsrPemLabelInvalid(string label) => new(
        400, ProvisioningErrorCodes.CsrPemLabelInvalid, "PEM label invalid",
        $"The PEM block is labelled '{Truncate(label, 40)}'; expected 'CERTIFICATE REQUEST'.");

    public static ProvisioningError DeviceIdMissing() => new(
        400, ProvisioningErrorCodes.DeviceIdMissing, "Device id missing",
        "The CSR subject has no common name (CN); the CN must be the device id.");

    public static ProvisioningError DeviceIdAmbiguous(int count) => new(
        400, ProvisioningErrorCodes.DeviceIdAmbiguous, "Device id ambiguous",
        $"The CSR subject has {count} common names (CN); exactly one, the device id, is allowed.");

    public static ProvisioningError DeviceIdInvalid(string detail) => new(
        400, ProvisioningErrorCodes.DeviceIdInvalid, "Device id invalid", detail);

    public static ProvisioningError CsrSignatureInvalid() => new(
        403, ProvisioningErrorCodes.CsrSignatureInvalid, "CSR signature invalid",
        "The CSR signature does not verify with the CSR's public key (no proof of possession).");

    public static ProvisioningError SignatureAlgorithmNotAllowed(string detail) => new(
        403, ProvisioningErrorCodes.SignatureAlgorithmNotAllowed, "Signature algorithm not allowed", detail);

    public static ProvisioningError KeyAlgorithmNotAllowed(string detail) => new(
        403, ProvisioningErrorCodes.KeyAlgorithmNotAllowed, "Key algorithm not allowed", detail);

    public static ProvisioningError DeviceDisabled(string deviceId) => new(
        403, ProvisioningErrorCodes.DeviceDisabled, "Device disabled",
        $"Device '{deviceId}' is disabled.");

    public static ProvisioningError PublicKeyMismatch(string deviceId) => new(
        403, ProvisioningErrorCodes.PublicKeyMismatch, "Public key mismatch",
        $"The CSR's public key is not the key registered for device '{deviceId}'.");

    public static ProvisioningError DeviceNotRegistered(string deviceId) => new(
        404, ProvisioningErrorCodes.DeviceNotRegistered, "Device not registered",
        $"Device '{deviceId}' is not registered.");

    public static ProvisioningError TooManyRequests(TimeSpan retryAfter) => new(
        429, ProvisioningErrorCodes.TooManyRequests, "Too many requests",
        "Too many requests; retry after the indicated delay.", retryAfter);

    public static ProvisioningError BackendUnavailable(TimeSpan retryAfter) => new(
        503, ProvisioningErrorCodes.BackendUnavailable, "Backend unavailable",
        "The certificate authority or registry is busy or unavailable; retry after the indicated delay.", retryAfter);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
