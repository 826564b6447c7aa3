namespace Secretless.Core.Registry;

/// <summary>
/// Everything <see cref="IAtomicThingRegistry.RegisterDeviceCertificateAsync"/> writes for one
/// issued device certificate.
/// </summary>
/// <param name="ThingName">The device id, as the thing's name.</param>
/// <param name="CertificateDer">The issued certificate.</param>
/// <param name="PolicyName">The policy attached to the certificate (created when absent).</param>
/// <param name="PolicyDocument">The policy's document when it has to be created; an existing policy keeps its own.</param>
/// <param name="Reactivate">Make an already known certificate ACTIVE again (a resumed registration).</param>
public sealed record DeviceCertificateRegistration(
    string ThingName,
    byte[] CertificateDer,
    string PolicyName,
    string PolicyDocument,
    bool Reactivate);
