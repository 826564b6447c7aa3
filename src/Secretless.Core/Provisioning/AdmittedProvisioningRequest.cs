using Secretless.Core.Csr;
using Secretless.Core.Issuance;

namespace Secretless.Core.Provisioning;

/// <summary>
/// A CSR that passed inspection and whose key matches the registered device: the only thing
/// <see cref="DeviceProvisioner.IssueAsync"/> accepts, so issuance can never skip authorization.
/// </summary>
public sealed class AdmittedProvisioningRequest
{
    internal AdmittedProvisioningRequest(InspectedCsr csr)
    {
        Csr = csr;
        Key = new IssuanceKey(csr.DeviceId, csr.Sha256Hex);
    }

    public InspectedCsr Csr { get; }

    /// <summary>The idempotency key: device id + CSR SHA-256.</summary>
    public IssuanceKey Key { get; }

    public string DeviceId => Csr.DeviceId;
}
