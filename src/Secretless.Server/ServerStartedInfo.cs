namespace Secretless.Server;

/// <summary>What a started server announces: the addresses it is bound to and the CA chain file devices need.</summary>
public sealed record ServerStartedInfo(IReadOnlyList<string> Addresses, string? CaChainPath);
