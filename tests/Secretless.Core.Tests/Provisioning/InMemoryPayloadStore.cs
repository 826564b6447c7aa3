using System.Collections.Concurrent;
using Secretless.Core.Delivery;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>Payload store double for the core's decision tests (the file store is tested in Secretless.Local).</summary>
internal sealed class InMemoryPayloadStore : IPayloadStore
{
    public ConcurrentDictionary<string, (byte[] Payload, DateTimeOffset ExpiresAt)> Payloads { get; } = new();

    public Task StoreAsync(string payloadKey, ReadOnlyMemory<byte> payload, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        Payloads[payloadKey] = (payload.ToArray(), expiresAt);
        return Task.CompletedTask;
    }

    public ValueTask<PresignedPayloadUrl> CreateUrlAsync(string payloadKey, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new PresignedPayloadUrl(new Uri("/payloads/" + payloadKey, UriKind.Relative), expiresAt));

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = Payloads.Where(pair => pair.Value.ExpiresAt < now).Select(pair => pair.Key).ToList();
        return Task.FromResult(expired.Count(key => Payloads.TryRemove(key, out _)));
    }
}
