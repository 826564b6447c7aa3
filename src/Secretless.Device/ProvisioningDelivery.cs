namespace Secretless.Device;

/// <summary>How the device asks for its certificate.</summary>
public enum ProvisioningDelivery
{
    /// <summary>The certificate in the answer to <c>POST /new</c> (the server may still answer 202).</summary>
    Direct = 0,

    /// <summary>
    /// Header <c>device-delivery: url</c>: the server answers 202 with a pre-signed URL the
    /// device fetches (and re-fetches) until the certificate is there.
    /// </summary>
    Url = 1,
}
