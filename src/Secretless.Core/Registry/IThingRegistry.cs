namespace Secretless.Core.Registry;

/// <summary>
/// The IoT registry (AWS IoT Core, or the local one): certificates, things, policies and their
/// attachments. Every operation is idempotent so an interrupted registration can be repeated.
/// </summary>
public interface IThingRegistry
{
    /// <summary>Registers the certificate as ACTIVE and returns its certificate id.</summary>
    Task<string> RegisterCertificateAsync(byte[] certificateDer, CancellationToken cancellationToken);

    /// <summary>Creates the thing; an existing thing is fine.</summary>
    Task EnsureThingAsync(string thingName, CancellationToken cancellationToken);

    /// <summary>Creates the policy when absent (an existing one, also from a racing creator, is fine).</summary>
    Task EnsurePolicyAsync(string policyName, string policyDocument, CancellationToken cancellationToken);

    Task AttachPolicyAsync(string policyName, string certificateId, CancellationToken cancellationToken);

    Task AttachThingPrincipalAsync(string thingName, string certificateId, CancellationToken cancellationToken);

    /// <summary>
    /// Returns false when the certificate is unknown. REVOKED is final, as in AWS IoT: asking a
    /// revoked certificate to become ACTIVE or INACTIVE throws <see cref="InvalidOperationException"/>.
    /// </summary>
    Task<bool> SetCertificateStatusAsync(string certificateId, CertificateStatus status, CancellationToken cancellationToken);

    /// <summary>The certificate's status, or null when this registry does not know the certificate.</summary>
    Task<CertificateStatus?> GetCertificateStatusAsync(string certificateId, CancellationToken cancellationToken);

    /// <summary>
    /// Every certificate attached to the thing, whatever its status, in registration order (oldest
    /// first); empty when the thing is unknown or has no certificate.
    /// </summary>
    Task<IReadOnlyList<ThingCertificate>> ListThingCertificatesAsync(string thingName, CancellationToken cancellationToken);

    /// <summary>The device data endpoint as <c>host:port</c>.</summary>
    ValueTask<string> GetEndpointAsync(CancellationToken cancellationToken);
}
