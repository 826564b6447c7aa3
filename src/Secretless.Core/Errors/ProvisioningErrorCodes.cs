namespace Secretless.Core.Errors;

/// <summary>
/// Stable machine-readable codes carried in problem+json bodies. Devices and scripts branch on
/// these, so they never change once released.
/// </summary>
public static class ProvisioningErrorCodes
{
    // 400: the request is not a usable CSR.
    public const string CsrMissing = "csr-missing";
    public const string CsrNotBase64 = "csr-not-base64";
    public const string CsrMalformed = "csr-malformed";
    public const string CsrPemLabelInvalid = "csr-pem-label-invalid";
    public const string DeviceIdMissing = "device-id-missing";
    public const string DeviceIdAmbiguous = "device-id-ambiguous";
    public const string DeviceIdInvalid = "device-id-invalid";

    // 403: a well-formed CSR the service refuses.
    public const string CsrSignatureInvalid = "csr-signature-invalid";
    public const string SignatureAlgorithmNotAllowed = "signature-algorithm-not-allowed";
    public const string KeyAlgorithmNotAllowed = "key-algorithm-not-allowed";
    public const string DeviceDisabled = "device-disabled";
    public const string PublicKeyMismatch = "public-key-mismatch";

    // 404
    public const string DeviceNotRegistered = "device-not-registered";

    // 429 / 503: retry later.
    public const string TooManyRequests = "too-many-requests";
    public const string BackendUnavailable = "backend-unavailable";
}
