namespace Secretless.Device;

/// <summary>The HTTP exchanges of provisioning; what counts as "try again" depends on the step.</summary>
public enum ProvisioningStep
{
    /// <summary><c>GET /ca</c>.</summary>
    FetchCaChain = 0,

    /// <summary><c>POST /new</c> with the CSR.</summary>
    PostCsr = 1,

    /// <summary><c>GET</c> on the pre-signed certificate URL of a 202.</summary>
    PollCertificateUrl = 2,
}
