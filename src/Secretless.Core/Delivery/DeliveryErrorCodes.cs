namespace Secretless.Core.Delivery;

/// <summary>Stable problem codes of latent delivery (next to <c>ProvisioningErrorCodes</c>).</summary>
public static class DeliveryErrorCodes
{
    /// <summary>400: <c>device-delivery</c> is present but not <c>url</c>.</summary>
    public const string DeliveryModeInvalid = "delivery-mode-invalid";

    /// <summary>404 + Retry-After: the URL is valid, the certificate is not stored yet.</summary>
    public const string PayloadNotReady = "payload-not-ready";

    /// <summary>403: path, expiry or signature of the URL was altered.</summary>
    public const string PayloadUrlInvalid = "payload-url-invalid";

    /// <summary>403: the URL's expiry has passed; send the same CSR to <c>/new</c> again.</summary>
    public const string PayloadUrlExpired = "payload-url-expired";
}
