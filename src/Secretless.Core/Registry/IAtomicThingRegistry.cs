namespace Secretless.Core.Registry;

/// <summary>
/// An optional ability of an <see cref="IThingRegistry"/>: a device certificate's whole
/// registration in one all-or-nothing write (the local SQLite registry). Registries without it
/// (AWS IoT) are driven through the granular, idempotent calls instead.
/// </summary>
public interface IAtomicThingRegistry
{
    /// <summary>
    /// Registers certificate (ACTIVE unless already known), thing, policy (created when absent) and
    /// both attachments together, and returns the certificate id. With
    /// <see cref="DeviceCertificateRegistration.Reactivate"/> a known certificate is made ACTIVE
    /// again; a REVOKED one throws <see cref="InvalidOperationException"/> and nothing is written.
    /// Repeating a registration is a no-op.
    /// </summary>
    Task<string> RegisterDeviceCertificateAsync(DeviceCertificateRegistration registration, CancellationToken cancellationToken);
}
