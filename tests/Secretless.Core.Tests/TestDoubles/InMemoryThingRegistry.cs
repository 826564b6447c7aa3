using System.Collections.Concurrent;
using System.Security.Cryptography;
using Secretless.Core.Registry;

namespace Secretless.Core.Tests.TestDoubles;

/// <summary>
/// Registry double: records certificates, things, policies and attachments idempotently, counts
/// registrations, and can fail one named operation once.
/// </summary>
internal sealed class InMemoryThingRegistry : IThingRegistry
{
    private int _registerCalls;

    public ConcurrentDictionary<string, CertificateStatus> Certificates { get; } = new();

    public ConcurrentDictionary<string, byte> Things { get; } = new();

    public ConcurrentDictionary<string, string> Policies { get; } = new();

    public ConcurrentDictionary<(string Policy, string CertificateId), byte> PolicyAttachments { get; } = new();

    public ConcurrentDictionary<(string Thing, string CertificateId), byte> ThingPrincipals { get; } = new();

    public int RegisterCalls => Volatile.Read(ref _registerCalls);

    /// <summary>Operation name (e.g. "AttachPolicy") that throws <see cref="Failure"/> once.</summary>
    public string? FailOnce { get; set; }

    public Exception? Failure { get; set; }

    public Task<string> RegisterCertificateAsync(byte[] certificateDer, CancellationToken cancellationToken)
    {
        ThrowIfFailing("RegisterCertificate");
        Interlocked.Increment(ref _registerCalls);
        var id = Convert.ToHexStringLower(SHA256.HashData(certificateDer));
        Certificates.TryAdd(id, CertificateStatus.Active);
        return Task.FromResult(id);
    }

    public Task EnsureThingAsync(string thingName, CancellationToken cancellationToken)
    {
        ThrowIfFailing("EnsureThing");
        Things.TryAdd(thingName, 0);
        return Task.CompletedTask;
    }

    public Task EnsurePolicyAsync(string policyName, string policyDocument, CancellationToken cancellationToken)
    {
        ThrowIfFailing("EnsurePolicy");
        Policies.TryAdd(policyName, policyDocument);
        return Task.CompletedTask;
    }

    public Task AttachPolicyAsync(string policyName, string certificateId, CancellationToken cancellationToken)
    {
        ThrowIfFailing("AttachPolicy");
        PolicyAttachments.TryAdd((policyName, certificateId), 0);
        return Task.CompletedTask;
    }

    public Task AttachThingPrincipalAsync(string thingName, string certificateId, CancellationToken cancellationToken)
    {
        ThrowIfFailing("AttachThingPrincipal");
        ThingPrincipals.TryAdd((thingName, certificateId), 0);
        return Task.CompletedTask;
    }

    public Task<bool> SetCertificateStatusAsync(string certificateId, CertificateStatus status, CancellationToken cancellationToken)
    {
        if (!Certificates.ContainsKey(certificateId))
        {
            return Task.FromResult(false);
        }

        Certificates[certificateId] = status;
        return Task.FromResult(true);
    }

    public ValueTask<string> GetEndpointAsync(CancellationToken cancellationToken) => ValueTask.FromResult("localhost:8883");

    private void ThrowIfFailing(string operation)
    {
        if (FailOnce == operation && Failure is not null)
        {
            var failure = Failure;
            FailOnce = null;
            Failure = null;
            throw failure;
        }
    }
}
