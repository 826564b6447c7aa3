using Secretless.Core.Registry;
using Secretless.Core.Tests.TestDoubles;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>
/// <see cref="InMemoryThingRegistry"/> with the atomic registration ability: records every atomic
/// call and applies it all at once (never through the granular calls, so <see cref="InMemoryThingRegistry.RegisterCalls"/>
/// stays 0), or throws <see cref="Failure"/> once having written nothing.
/// </summary>
internal sealed class AtomicInMemoryThingRegistry : IThingRegistry, IAtomicThingRegistry
{
    public InMemoryThingRegistry Inner { get; } = new();

    public List<DeviceCertificateRegistration> Registrations { get; } = [];

    public Exception? Failure { get; set; }

    public Task<string> RegisterDeviceCertificateAsync(DeviceCertificateRegistration registration, CancellationToken cancellationToken)
    {
        Registrations.Add(registration);
        if (Failure is { } failure)
        {
            Failure = null;
            throw failure;
        }

        var id = SqliteLikeCertificateId(registration.CertificateDer);
        if (registration.Reactivate && Inner.Certificates.TryGetValue(id, out var status) && status == CertificateStatus.Revoked)
        {
            throw new InvalidOperationException($"Certificate '{id}' is REVOKED.");
        }

        if (Inner.Certificates.TryAdd(id, CertificateStatus.Active))
        {
            Inner.Registrations.TryAdd(id, (DateTimeOffset.UnixEpoch, 0));
        }
        else if (registration.Reactivate)
        {
            Inner.Certificates[id] = CertificateStatus.Active;
        }

        Inner.Things.TryAdd(registration.ThingName, 0);
        Inner.Policies.TryAdd(registration.PolicyName, registration.PolicyDocument);
        Inner.PolicyAttachments.TryAdd((registration.PolicyName, id), 0);
        Inner.ThingPrincipals.TryAdd((registration.ThingName, id), 0);
        return Task.FromResult(id);
    }

    public Task<string> RegisterCertificateAsync(byte[] certificateDer, CancellationToken cancellationToken)
        => Inner.RegisterCertificateAsync(certificateDer, cancellationToken);

    public Task EnsureThingAsync(string thingName, CancellationToken cancellationToken)
        => Inner.EnsureThingAsync(thingName, cancellationToken);

    public Task EnsurePolicyAsync(string policyName, string policyDocument, CancellationToken cancellationToken)
        => Inner.EnsurePolicyAsync(policyName, policyDocument, cancellationToken);

    public Task AttachPolicyAsync(string policyName, string certificateId, CancellationToken cancellationToken)
        => Inner.AttachPolicyAsync(policyName, certificateId, cancellationToken);

    public Task AttachThingPrincipalAsync(string thingName, string certificateId, CancellationToken cancellationToken)
        => Inner.AttachThingPrincipalAsync(thingName, certificateId, cancellationToken);

    public Task<bool> SetCertificateStatusAsync(string certificateId, CertificateStatus status, CancellationToken cancellationToken)
        => Inner.SetCertificateStatusAsync(certificateId, status, cancellationToken);

    public Task<CertificateStatus?> GetCertificateStatusAsync(string certificateId, CancellationToken cancellationToken)
        => Inner.GetCertificateStatusAsync(certificateId, cancellationToken);

    public Task<IReadOnlyList<ThingCertificate>> ListThingCertificatesAsync(string thingName, CancellationToken cancellationToken)
        => Inner.ListThingCertificatesAsync(thingName, cancellationToken);

    public ValueTask<string> GetEndpointAsync(CancellationToken cancellationToken) => Inner.GetEndpointAsync(cancellationToken);

    private static string SqliteLikeCertificateId(byte[] der)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));
}
