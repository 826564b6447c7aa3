namespace Secretless.Local.Delivery;

/// <summary>Status of a fetch and, when <see cref="PayloadFetchStatus.Ready"/>, the stored bytes.</summary>
public sealed record PayloadFetchResult(PayloadFetchStatus Status, byte[]? Payload);
