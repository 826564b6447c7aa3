namespace Secretless.Device;

/// <summary>
/// The certificate a device runs with: the stored one (<see cref="Provisioning"/> null, no
/// network used) or a freshly provisioned one, already saved.
/// </summary>
public sealed record DeviceCertificateOutcome(StoredDeviceCertificate Certificate, ResilientProvisioningResult? Provisioning)
{
    public bool ReusedStored => Provisioning is null;
}
