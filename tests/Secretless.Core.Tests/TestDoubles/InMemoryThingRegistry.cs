using System.Collections.Concurrent;
using System.Security.Cryptography;
using Secretless.Core.Registry;

namespace Secretless.Core.Tests.TestDoubles;

/// <summary>
/// Registry double: records certificates, things, policies and attachments idempotently, counts
/// registrations, and can fail one named operation once. REVOKED is final, as in the real registries.
/// </summary>
internal sealed class InMemoryThingRegistry : IThingRegistry
{
    private readonly TimeProvider _time;
    private int _registerCalls;
    private long _registrationSequence;

    public InMemoryThingRegistry(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public ConcurrentDictionary<string, CertificateStatus> Certificates { get; } = new();

    /// <summary>Certificate id → when it was first registered, and a sequence that orders same-instant registrations.</summary>
    public ConcurrentDictionary<string, (DateTimeOffset At, long Sequence)> Registrations { get; } = new();

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
        if (Certificates.TryAdd(id, CertificateStatus.Active))
        {
            Registrations[id] = (_time.GetUtcNow(), Interlocked.Increment(ref _registrationSequence));
        }

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
        ThrowIfFailing("SetCertificateStatus");
        if (!Certificates.TryGetValue(certificateId, out var current))
        {
            return Task.FromResult(false);
        }

        if (current == CertificateStatus.Revoked && status != CertificateStatus.Revoked)
        {
            throw new InvalidOperationException($"Certificate '{certificateId}' is REVOKED.");
        }

        Certificates[certificateId] = status;
        return Task.FromResult(true);
    }

    public Task<CertificateStatus?> GetCertificateStatusAsync(string certificateId, CancellationToken cancellationToken)
    {
        ThrowIfFailing("GetCertificateStatus");
        return Task.FromResult(Certificates.TryGetValue(certificateId, out var status) ? status : (CertificateStatus?)null);
    }

    public Task<IReadOnlyList<ThingCertificate>> ListThingCertificatesAsync(string thingName, CancellationToken cancellationToken)
    {
        ThrowIfFailing("ListThingCertificates");
        IReadOnlyList<ThingCertificate> certificates = [.. ThingPrincipals.Keys
            .Where(p => p.Thing == thingName && Certificates.ContainsKey(p.CertificateId))
            .Select(p => (p.CertificateId, Registration: Registrations.GetValueOrDefault(p.CertificateId)))
            .OrderBy(p => p.Registration.At).ThenBy(p => p.Registration.Sequence)
            .Select(p => new ThingCertificate(p.CertificateId, Certificates[p.CertificateId], p.Registration.At))];
        return Task.FromResult(certificates);
    }

    /// <summary>Drops a certificate and its attachments, as if this registry (another region's) never knew it.</summary>
    public void Forget(string certificateId)
    {
        Certificates.TryRemove(certificateId, out _);
        Registrations.TryRemove(certificateId, out _);
        foreach (var key in ThingPrincipals.Keys.Where(k => k.CertificateId == certificateId))
        {
            ThingPrincipals.TryRemove(key, out _);
        }

        foreach (var key in PolicyAttachments.Keys.Where(k => k.CertificateId == certificateId))
        {
            PolicyAttachments.TryRemove(key, out _);
        }
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
