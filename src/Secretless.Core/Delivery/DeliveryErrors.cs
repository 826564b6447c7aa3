using Secretless.Core.Errors;

namespace Secretless.Core.Delivery;

/// <summary>Refusals of latent delivery, as <see cref="ProvisioningError"/> so hosts render them like any other.</summary>
public static class DeliveryErrors
{
    public static ProvisioningError DeliveryModeInvalid(string detail) =>
        new(400, DeliveryErrorCodes.DeliveryModeInvalid, "Unsupported delivery mode", detail);

    public static ProvisioningError PayloadNotReady(TimeSpan retryAfter) =>
        new(404, DeliveryErrorCodes.PayloadNotReady, "Certificate not ready yet",
            "The certificate is still being issued; fetch this URL again after Retry-After seconds.", retryAfter);

    public static ProvisioningError PayloadUrlInvalid() =>
        new(403, DeliveryErrorCodes.PayloadUrlInvalid, "Payload URL invalid",
            "The URL's path, expiry or signature does not match what the server signed.");

    public static ProvisioningError PayloadUrlExpired() =>
        new(403, DeliveryErrorCodes.PayloadUrlExpired, "Payload URL expired",
            "The URL has expired; send the same CSR to /new again for a fresh one.");
}
